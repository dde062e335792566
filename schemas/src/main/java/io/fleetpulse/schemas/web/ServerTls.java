package io.fleetpulse.schemas.web;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.fleetpulse.schemas.tls.TlsIdentity;
import io.fleetpulse.schemas.tls.TrustedAuthorities;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * How an endpoint speaks TLS ({@code tls_server_config}): the certificate it serves, the versions
 * it takes, and whether it asks clients for a certificate verified by {@code client_ca_file}.
 */
final class ServerTls extends HttpsConfigurator {

  private final List<String> protocols;
  private final ClientAuthType clientAuth;
  private final boolean serverCipherOrder;

  private ServerTls(
      SSLContext context,
      List<String> protocols,
      ClientAuthType clientAuth,
      boolean serverCipherOrder) {
    super(context);
    this.protocols = List.copyOf(protocols);
    this.clientAuth = clientAuth;
    this.serverCipherOrder = serverCipherOrder;
  }

  /**
   * @param clientAuthorities the CAs client certificates must chain to; null when none are asked
   *     for
   */
  static ServerTls of(
      TlsIdentity identity,
      List<X509Certificate> clientAuthorities,
      ClientAuthType clientAuth,
      List<String> protocols,
      boolean serverCipherOrder)
      throws GeneralSecurityException {
    TrustManager[] trust =
        clientAuthorities == null
            ? null
            : new TrustManager[] {TrustedAuthorities.trustManager(clientAuthorities)};
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(identity.keyManagers(), trust, null);
    return new ServerTls(context, protocols, clientAuth, serverCipherOrder);
  }

  @Override
  public void configure(HttpsParameters params) {
    params.setSSLParameters(parameters());
  }

  /** The versions, cipher order and client-certificate policy every connection is served with. */
  SSLParameters parameters() {
    SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
    parameters.setProtocols(protocols.toArray(String[]::new));
    parameters.setUseCipherSuitesOrder(serverCipherOrder);
    clientAuth.applyTo(parameters);
    return parameters;
  }

  @Override
  public String toString() {
    return "ServerTls[protocols=" + protocols + ", clientAuthType=" + clientAuth + "]";
  }
}
