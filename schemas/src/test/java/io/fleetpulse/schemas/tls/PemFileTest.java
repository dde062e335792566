package io.fleetpulse.schemas.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFileTest {

  @TempDir static Path dir;

  private static TestCertificate ec;
  private static TestCertificate rsa;

  @BeforeAll
  static void certificates() throws Exception {
    ec = TestCertificate.generate(dir, "ec", "EC", "dns:ec.test");
    rsa = TestCertificate.generate(dir, "rsa", "RSA", "dns:rsa.test");
  }

  private static String error(Path file, boolean key) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> {
              PemFile pem = PemFile.read(file);
              if (key) {
                pem.privateKey();
              } else {
                pem.certificates();
              }
            })
        .getMessage();
  }

  private static Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsCertificatesAndPkcs8KeysOfBothAlgorithms() throws Exception {
    assertEquals(List.of(ec.certificate()), PemFile.read(ec.certificatePem()).certificates());
    assertEquals(ec.privateKey(), PemFile.read(ec.keyPem()).privateKey());
    assertEquals("EC", PemFile.read(ec.keyPem()).privateKey().getAlgorithm());
    assertEquals(rsa.privateKey(), PemFile.read(rsa.keyPem()).privateKey());
    assertEquals("RSA", PemFile.read(rsa.keyPem()).privateKey().getAlgorithm());
  }

  @Test
  void oneFileMayHoldAChainAndItsKeyAmongOtherText() throws Exception {
    Path both =
        write(
            "both.pem",
            "subject=CN=ec\n"
                + Files.readString(ec.certificatePem())
                + Files.readString(rsa.certificatePem())
                + Files.readString(ec.keyPem()));

    assertEquals(List.of(ec.certificate(), rsa.certificate()), PemFile.read(both).certificates());
    assertEquals(ec.privateKey(), PemFile.read(both).privateKey());
  }

  @Test
  void refusesKeysInOtherEncodingsSayingHowToConvertThem() throws Exception {
    byte[] der = ec.privateKey().getEncoded();
    Path pkcs1 = write("pkcs1.key", TestCertificate.pem("RSA PRIVATE KEY", der));
    Path sec1 = write("sec1.key", TestCertificate.pem("EC PRIVATE KEY", der));
    Path encrypted = write("encrypted.key", TestCertificate.pem("ENCRYPTED PRIVATE KEY", der));

    assertEquals(
        "\""
            + pkcs1
            + "\" holds a PKCS#1 key (BEGIN RSA PRIVATE KEY); only unencrypted PKCS#8 keys (BEGIN"
            + " PRIVATE KEY) are supported, convert it with openssl pkcs8 -topk8 -nocrypt -in \""
            + pkcs1
            + "\" -out key.pem",
        error(pkcs1, true));
    assertTrue(error(sec1, true).contains("holds a SEC1 key (BEGIN EC PRIVATE KEY)"));
    assertTrue(
        error(encrypted, true).contains("holds an encrypted key (BEGIN ENCRYPTED PRIVATE KEY)"));
  }

  @Test
  void namesTheFileWhenItHoldsNothingUsable() throws Exception {
    Path missing = dir.resolve("missing.pem");
    Path garbage = write("garbage.pem", TestCertificate.pem("CERTIFICATE", new byte[] {1, 2, 3}));

    assertEquals("\"" + missing + "\": no such file", error(missing, false));
    assertEquals(
        "\"" + ec.keyPem() + "\" holds no PEM certificate (BEGIN CERTIFICATE)",
        error(ec.keyPem(), false));
    assertEquals(
        "\"" + ec.certificatePem() + "\" holds no PEM private key (BEGIN PRIVATE KEY)",
        error(ec.certificatePem(), true));
    assertTrue(
        error(garbage, false).startsWith("\"" + garbage + "\" holds an invalid certificate"));
  }
}
