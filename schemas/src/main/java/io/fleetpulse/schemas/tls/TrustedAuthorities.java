package io.fleetpulse.schemas.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK's chain verification over a chosen set of CAs ({@code ca_file}, {@code client_ca_file}).
 */
public final class TrustedAuthorities {

  private TrustedAuthorities() {}

  /**
   * @param authorities the CAs to trust, or null for the JVM's default ones
   */
  public static X509TrustManager trustManager(List<X509Certificate> authorities)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(authorities == null ? null : store(authorities));
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JVM offers no X.509 trust manager");
  }

  private static KeyStore store(List<X509Certificate> authorities) throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < authorities.size(); i++) {
        store.setCertificateEntry("ca-" + i, authorities.get(i));
      }
      return store;
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot hold the CA certificates: " + e.getMessage(), e);
    }
  }
}
