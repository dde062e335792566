package io.fleetpulse.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.tls.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsConfigTest {

  @TempDir static Path dir;

  private static TestCertificate server;
  private static TestCertificate client;

  @BeforeAll
  static void certificates() throws Exception {
    server = TestCertificate.generate(dir, "server", "EC", "dns:server.test");
    client = TestCertificate.generate(dir, "client", "RSA", "dns:client.test");
  }

  private static String error(
      String caFile, String certFile, String keyFile, String serverName, String minVersion) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> new TlsConfig(caFile, certFile, keyFile, serverName, false, minVersion))
        .getMessage();
  }

  private static String path(Path file) {
    return file.toString();
  }

  @Test
  void emptyOptionsAreUnsetAndTheOldestVersionIsTls12AsInPrometheus() {
    TlsConfig config = new TlsConfig("", "", "", "", false, "");

    assertNull(config.caFile());
    assertNull(config.certFile());
    assertNull(config.serverName());
    assertEquals("TLS12", config.minVersion());
  }

  @Test
  void readsEveryFileWithTheConfig() {
    TlsConfig config =
        new TlsConfig(
            path(server.certificatePem()),
            path(client.certificatePem()),
            path(client.keyPem()),
            "server.test",
            false,
            "TLS13");

    assertEquals("TLS13", config.minVersion());
  }

  @Test
  void eachMistakeNamesItsOption() throws Exception {
    Path missing = dir.resolve("missing.crt");
    Path pkcs1 =
        Files.writeString(
            dir.resolve("pkcs1.key"),
            TestCertificate.pem("RSA PRIVATE KEY", client.privateKey().getEncoded()));
    String cert = path(client.certificatePem());

    assertEquals(
        "ca_file \"" + missing + "\": no such file", error(path(missing), null, null, null, null));
    assertEquals(
        "cert_file \"" + cert + "\" is set without key_file, its private key",
        error(null, cert, null, null, null));
    assertEquals(
        "key_file \"k.pem\" is set without cert_file, its certificate",
        error(null, null, "k.pem", null, null));
    assertTrue(
        error(null, cert, path(pkcs1), null, null)
            .startsWith("key_file \"" + pkcs1 + "\" holds a PKCS#1 key (BEGIN RSA PRIVATE KEY)"));
    assertEquals(
        "key_file \"" + server.keyPem() + "\" is not the private key of cert_file \"" + cert + "\"",
        error(null, cert, path(server.keyPem()), null, null));
    assertEquals(
        "cert_file \"" + client.keyPem() + "\" holds no PEM certificate (BEGIN CERTIFICATE)",
        error(null, path(client.keyPem()), path(client.keyPem()), null, null));
    assertEquals(
        "server_name \"a b\" is not a valid host name", error(null, null, null, "a b", null));
    assertEquals(
        "min_version \"TLS1.2\" is not one of TLS10, TLS11, TLS12, TLS13",
        error(null, null, null, null, "TLS1.2"));
  }
}
