package io.fleetpulse.collector.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a server whose chain the CAs vouch for and whose certificate is valid for {@code
 * server_name}, whatever host the connection went to.
 *
 * <p>The JDK's HTTP client always turns on endpoint identification and checks the certificate
 * against the URL's host (the JDK's own trust manager tries the SNI name first, but falls back to
 * the host and fails there), so connecting to an IP address with a certificate for a DNS name
 * cannot succeed through it. Being a {@link ScrapeServerTrust}, this one is trusted by the JDK to
 * do the identity check itself: the chain goes to the CAs' manager through the plain two-argument
 * call, which checks no host, and the name is checked here.
 */
final class ServerNameTrustManager extends ScrapeServerTrust {

  private final X509TrustManager chains;
  private final ServerName serverName;

  ServerNameTrustManager(X509TrustManager chains, ServerName serverName) {
    this.chains = chains;
    this.serverName = serverName;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    chains.checkServerTrusted(chain, authType);
    serverName.check(chain[0]);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return chains.getAcceptedIssuers();
  }
}
