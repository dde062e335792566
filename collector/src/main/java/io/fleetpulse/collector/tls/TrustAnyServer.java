package io.fleetpulse.collector.tls;

import java.security.cert.X509Certificate;

/** {@code insecure_skip_verify}: any certificate for any name. */
final class TrustAnyServer extends ScrapeServerTrust {

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
