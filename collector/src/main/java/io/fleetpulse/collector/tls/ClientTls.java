package io.fleetpulse.collector.tls;

import io.fleetpulse.schemas.tls.TlsIdentity;
import io.fleetpulse.schemas.tls.TlsVersion;
import io.fleetpulse.schemas.tls.TrustedAuthorities;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How one job's scrapes speak TLS: whom they trust, what they present, which versions they offer
 * and which name they announce. An HTTP client is built around it, its TLS being fixed for life.
 */
public final class ClientTls {

  private final SSLContext context;
  private final SSLParameters parameters;

  private ClientTls(SSLContext context, SSLParameters parameters) {
    this.context = context;
    this.parameters = parameters;
  }

  /**
   * @param authorities the CAs to trust, or null for the JVM's default ones
   * @param identity what to present when asked for a client certificate, or null for nothing
   * @param serverName the name the certificate must be valid for, or null for the URL's host
   * @param insecureSkipVerify trust any certificate for any name
   */
  public static ClientTls of(
      List<X509Certificate> authorities,
      TlsIdentity identity,
      ServerName serverName,
      boolean insecureSkipVerify,
      TlsVersion minVersion)
      throws GeneralSecurityException {
    TrustManager trust =
        insecureSkipVerify ? new TrustAnyServer() : verifying(authorities, serverName);
    KeyManager[] keys = identity == null ? null : identity.keyManagers();
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys, new TrustManager[] {trust}, null);
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(minVersion.andLater().toArray(String[]::new));
    if (serverName != null) {
      // The JDK client keeps this only towards an IP address; towards a host name it announces
      // that name, which it does not let a caller change.
      serverName.indication().ifPresent(name -> parameters.setServerNames(List.of(name)));
    }
    return new ClientTls(context, parameters);
  }

  /** The builder with this TLS; {@code parameters} are copied by the client for each connection. */
  public HttpClient.Builder applyTo(HttpClient.Builder builder) {
    return builder.sslContext(context).sslParameters(parameters);
  }

  private static TrustManager verifying(List<X509Certificate> authorities, ServerName serverName)
      throws GeneralSecurityException {
    X509TrustManager chains = TrustedAuthorities.trustManager(authorities);
    return serverName == null ? chains : new ServerNameTrustManager(chains, serverName);
  }
}
