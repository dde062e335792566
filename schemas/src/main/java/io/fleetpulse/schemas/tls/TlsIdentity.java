package io.fleetpulse.schemas.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A certificate chain and its private key ({@code cert_file} and {@code key_file}): what a scrape
 * presents when its target asks for a client certificate, and what FleetPulse's own endpoints serve
 * over https.
 */
public record TlsIdentity(List<X509Certificate> chain, PrivateKey key) {

  /** The store is built in memory and never written, so its password protects nothing. */
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private static final byte[] PROBE = "fleetpulse".getBytes(StandardCharsets.US_ASCII);

  /** Refuses a key that is not the certificate's, as Go does, before any server can. */
  public TlsIdentity {
    chain = List.copyOf(chain);
    if (!signsFor(key, chain.get(0))) {
      throw new IllegalArgumentException("the private key is not the certificate's");
    }
  }

  public KeyManager[] keyManagers() throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("identity", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, IN_MEMORY);
      return factory.getKeyManagers();
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot hold the private key: " + e.getMessage(), e);
    }
  }

  private static boolean signsFor(PrivateKey key, X509Certificate certificate) {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // The certificate's key is of another algorithm.
      return false;
    }
  }
}
