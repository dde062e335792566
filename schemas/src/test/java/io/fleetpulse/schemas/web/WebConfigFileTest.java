package io.fleetpulse.schemas.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a web config file may say, and the error that names what it got wrong. */
class WebConfigFileTest {

  private static final String OPTION = "sink.web_config_file";

  @TempDir static Path dir;

  private static String tls;

  @BeforeAll
  static void certificate() throws Exception {
    TestWebConfig generated = TestWebConfig.generate(dir, false);
    tls =
        "tls_server_config:\n  cert_file: "
            + generated.server().certificatePem()
            + "\n  key_file: "
            + generated.server().keyPem()
            + "\n";
  }

  private static WebSecurity read(String yaml) throws Exception {
    Path file = Files.writeString(Files.createTempFile(dir, "web", ".yml"), yaml);
    return WebSecurity.fromFile(OPTION, file.toString());
  }

  private static String error(String yaml) {
    String message = assertThrows(IllegalArgumentException.class, () -> read(yaml)).getMessage();
    assertTrue(message.startsWith(OPTION + " \""), message);
    return message;
  }

  @Test
  void anEmptyFileOrSectionChangesNothing() throws Exception {
    WebSecurity empty = read("");
    assertEquals("http", empty.scheme());
    assertFalse(empty.requiresLogin());
    WebSecurity sections = read("tls_server_config: {}\nbasic_auth_users: {}\n");
    assertEquals("http", sections.scheme());
    assertFalse(sections.requiresLogin());
  }

  @Test
  void takesPrometheusOptionsItServes() throws Exception {
    WebSecurity web =
        read(
            tls
                + "  min_version: TLS13\n  max_version: TLS13\n  prefer_server_cipher_suites: false\n"
                + "http_server_config:\n  http2: true\n"
                + "basic_auth_users:\n  alice: "
                + TestWebConfig.hash("a")
                + "\n");
    assertNotNull(web.httpsConfigurator());
    assertTrue(web.requiresLogin());
    assertTrue(web.toString().contains("TLSv1.3"), web.toString());
  }

  @Test
  void aMissingFileIsNamed() {
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> WebSecurity.fromFile(OPTION, dir.resolve("absent.yml").toString()))
            .getMessage();
    assertTrue(message.startsWith(OPTION + " \""), message);
    assertTrue(message.endsWith("absent.yml\": no such file"), message);
  }

  @Test
  void tlsMistakesNameTheirOption() {
    assertTrue(
        error("tls_server_config:\n  cert_file: x.pem\n")
            .endsWith("tls_server_config.key_file is missing"));
    assertTrue(
        error("tls_server_config:\n  cert_file: x.pem\n  key_file: y.pem\n")
            .contains("tls_server_config.cert_file \""));
    assertTrue(
        error(tls.replaceAll("key_file: .*", "key_file: " + dir.resolve("absent.key")))
            .contains("tls_server_config.key_file \""));
    String unknownPolicy = error(tls + "  client_auth_type: Sometimes\n");
    assertTrue(
        unknownPolicy.contains("tls_server_config.client_auth_type \"Sometimes\" is not one of"),
        unknownPolicy);
    assertTrue(
        error(tls + "  client_auth_type: RequireAnyClientCert\n  client_ca_file: ca.pem\n")
            .contains("without verifying it"));
    assertTrue(
        error(tls + "  client_auth_type: RequireAndVerifyClientCert\n")
            .contains("needs client_ca_file"));
    assertTrue(
        error(tls + "  client_ca_file: ca.pem\n")
            .contains("tls_server_config.client_ca_file is set while client_auth_type is"));
    assertTrue(
        error(tls + "  min_version: TLS13\n  max_version: TLS12\n")
            .contains("tls_server_config.max_version TLS12 is older than min_version TLS13"));
    assertTrue(error(tls + "  min_version: SSL3\n").contains("tls_server_config.min_version"));
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() throws Exception {
    TestWebConfig other = TestWebConfig.generate(dir.resolve("other"), false);
    assertTrue(
        error(tls.replaceAll("key_file: .*", "key_file: " + other.server().keyPem()))
            .contains("tls_server_config.key_file is not the private key of cert_file"));
  }

  @Test
  void prometheusOptionsFleetPulseDoesNotServeAreRefusedNotIgnored() {
    assertTrue(
        error(tls + "  client_allowed_sans: [a]\n")
            .contains("tls_server_config.client_allowed_sans is not supported by FleetPulse"));
    assertTrue(
        error("http_server_config:\n  headers: {X-Frame-Options: deny}\n")
            .contains("http_server_config.headers is not supported"));
    assertTrue(error("rate_limit: {interval: 1s}\n").contains("rate_limit is not supported"));
    assertTrue(error("tls_config: {}\n").contains("tls_config: unknown option; known here"));
  }

  @Test
  void aBadHashIsRefusedWithoutShowingIt() {
    String hash = "$2y$10$tooshort";
    String message = error("basic_auth_users:\n  alice: " + hash + "\n");
    assertTrue(message.contains("basic_auth_users.alice is not a bcrypt hash"), message);
    assertFalse(message.contains(hash), message);
    assertTrue(
        error("basic_auth_users:\n  alice: " + TestWebConfig.hash("a").replace("$2y$04", "$2y$99"))
            .contains("basic_auth_users.alice is not a bcrypt hash"));
    assertTrue(error("basic_auth_users:\n  alice: 42\n").contains("must be a string"));
  }

  @Test
  void aSyntaxErrorTellsTheLineButNotTheText() {
    String secret = TestWebConfig.hash("a");
    String message = error("basic_auth_users:\n  alice: " + secret + "\n  [broken\n");
    assertTrue(message.contains("not valid YAML at line"), message);
    assertFalse(message.contains(secret), message);
  }

  @Test
  void emptyStringsAreUnsetAsInPrometheus() throws Exception {
    assertNull(read("tls_server_config:\n  cert_file: \"\"\n").httpsConfigurator());
  }
}
