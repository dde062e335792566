package io.fleetpulse.schemas.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its key, made by the JDK's own keytool so that no test ships key
 * material: the PKCS#12 store a test server uses, and the certificate and the PKCS#8 key as the PEM
 * files a tls_config names.
 */
public record TestCertificate(Path store, Path certificatePem, Path keyPem) {

  public static final char[] PASSWORD = "test-pass".toCharArray();

  private static final String ALIAS = "key";

  /**
   * @param algorithm "EC" (P-256) or "RSA" (2048 bits)
   * @param san keytool's subject alternative names, e.g. "dns:localhost,ip:127.0.0.1"
   */
  public static TestCertificate generate(Path dir, String name, String algorithm, String san)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path store = dir.resolve(name + ".p12");
    List<String> generate =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                ALIAS,
                "-keyalg",
                algorithm,
                "-dname",
                "CN=" + name,
                "-validity",
                "2",
                "-ext",
                "san=" + san));
    generate.addAll(
        algorithm.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
    keytool(store, generate);
    Path certificate = dir.resolve(name + ".crt");
    keytool(
        store, List.of("-exportcert", "-rfc", "-alias", ALIAS, "-file", certificate.toString()));
    Path key = dir.resolve(name + ".key");
    TestCertificate generated = new TestCertificate(store, certificate, key);
    Files.writeString(key, pem("PRIVATE KEY", generated.privateKey().getEncoded()));
    return generated;
  }

  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  public KeyStore keyStore() throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD);
    }
    return keyStore;
  }

  public X509Certificate certificate() throws IOException, GeneralSecurityException {
    return (X509Certificate) keyStore().getCertificate(ALIAS);
  }

  public PrivateKey privateKey() throws IOException, GeneralSecurityException {
    return (PrivateKey) keyStore().getKey(ALIAS, PASSWORD);
  }

  private static void keytool(Path store, List<String> arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(arguments);
    command.addAll(
        List.of(
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass",
            new String(PASSWORD)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool " + arguments.get(0) + " failed: " + output);
    }
  }
}
