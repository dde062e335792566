package io.fleetpulse.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {

  private final ConfigLoader loader = new ConfigLoader();

  @TempDir Path dir;

  @Test
  void aPlainLoginOverTlsBecomesTheClientsProperties() throws Exception {
    Path trust = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----");
    KafkaConnection kafka =
        connection(
            """
            kafka:
              bootstrap_servers: kafka:9093
              client:
                security_protocol: sasl_ssl
                sasl_mechanism: PLAIN
                sasl_username: fleet
                sasl_password: hunter2-"quoted"\\pw
                ssl_truststore_location: %s
                ssl_truststore_type: pem
                properties: {ssl.endpoint.identification.algorithm: ""}
            """
                .formatted(trust),
            Map.of());

    assertEquals(
        Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"fleet\" password=\"hunter2-\\\"quoted\\\"\\\\pw\";",
            "ssl.truststore.location", trust.toString(),
            "ssl.truststore.type", "PEM",
            "ssl.endpoint.identification.algorithm", ""),
        kafka.settings());
    assertEquals("kafka:9093", kafka.clientProperties().get("bootstrap.servers"));
  }

  @Test
  void aScramPasswordFromTheEnvironmentIsTakenAsWritten() {
    KafkaConnection kafka =
        connection(
            """
            kafka:
              bootstrap_servers: kafka:9092
              client: {security_protocol: SASL_PLAINTEXT, sasl_mechanism: SCRAM-SHA-512, sasl_username: fleet}
            """,
            Map.of("FLEETPULSE_KAFKA_CLIENT_SASL_PASSWORD", "hunter2 #env"));

    assertEquals(
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"fleet\" password=\"hunter2 #env\";",
        kafka.settings().get("sasl.jaas.config"));
    assertEquals("SCRAM-SHA-512", kafka.settings().get("sasl.mechanism"));
  }

  @Test
  void noPasswordIsPrintedByTheConfigOrTheConnection() throws Exception {
    Path store = Files.writeString(dir.resolve("client.p12"), "");
    String yaml =
        """
        kafka:
          bootstrap_servers: kafka:9093
          client:
            security_protocol: SASL_SSL
            sasl_mechanism: PLAIN
            sasl_username: fleet
            sasl_password: hunter2-sasl
            ssl_keystore_location: %s
            ssl_keystore_password: hunter2-store
            ssl_key_password: hunter2-key
            properties: {sasl.login.refresh.buffer.seconds: "300", x.token: hunter2-raw}
        """
            .formatted(store);
    FleetPulseConfig config = loader.parse(yaml, "fleetpulse.yml", Map.of());

    for (String printed :
        new String[] {
          config.toString(), config.kafka().connection("kafka:9093").toString(),
        }) {
      assertFalse(printed.contains("hunter2"), printed);
    }
  }

  @Test
  void everyMistakeIsOneLineNamingItsOptionAndShowingNoSecret() {
    assertError(
        "kafka.client.security_protocol: must be one of", "client: {security_protocol: TLS}");
    assertError(
        "kafka.client.sasl_mechanism: must be set with security_protocol SASL_SSL",
        "client: {security_protocol: SASL_SSL, sasl_username: u, sasl_password: hunter2-pw}");
    assertError(
        "kafka.client.sasl_mechanism: must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, got OAUTHBEARER",
        "client: {security_protocol: SASL_SSL, sasl_mechanism: OAUTHBEARER}");
    assertError(
        "kafka.client.sasl_password: must be set with sasl_mechanism PLAIN",
        "client: {security_protocol: SASL_PLAINTEXT, sasl_mechanism: PLAIN, sasl_username: u}");
    assertError(
        "kafka.client.sasl_password: is used only with security_protocol SASL_PLAINTEXT or"
            + " SASL_SSL, not PLAINTEXT",
        "client: {sasl_password: hunter2-pw}");
    assertError(
        "kafka.client.ssl_truststore_location: is used only with security_protocol SSL or"
            + " SASL_SSL, not SASL_PLAINTEXT",
        "client: {security_protocol: SASL_PLAINTEXT, sasl_mechanism: PLAIN, sasl_username: u,"
            + " sasl_password: hunter2-pw, ssl_truststore_location: /x}");
    assertError(
        "kafka.client.ssl_keystore_location: is no readable file: /no/such/store.p12",
        "client: {security_protocol: SSL, ssl_keystore_location: /no/such/store.p12,"
            + " ssl_keystore_password: hunter2-pw}");
    assertError(
        "kafka.client.ssl_keystore_type: must be one of [JKS, PKCS12, PEM], got p11",
        "client: {security_protocol: SSL, ssl_keystore_type: p11}");
    assertError(
        "kafka.client.properties.security.protocol: is set by kafka.client.security_protocol",
        "client: {properties: {security.protocol: SSL}}");
    assertError(
        "kafka.client.properties.client.dns.lookup: must have a value",
        "client: {properties: {client.dns.lookup: null}}");
    assertError(
        "kafka.client.properties.sasl.jaas.config: is a login of its own",
        "client: {security_protocol: SASL_SSL, sasl_mechanism: PLAIN, sasl_username: u,"
            + " sasl_password: hunter2-pw, properties: {sasl.jaas.config: hunter2-jaas}}");
  }

  @Test
  void anotherMechanismLogsInWithItsOwnJaasConfig() {
    KafkaConnection kafka =
        connection(
            """
            kafka:
              bootstrap_servers: kafka:9093
              client:
                security_protocol: SASL_SSL
                sasl_mechanism: OAUTHBEARER
                properties: {sasl.jaas.config: "OAuthBearerLoginModule required;"}
            """,
            Map.of());

    assertEquals("OAUTHBEARER", kafka.settings().get("sasl.mechanism"));
    assertEquals("OAuthBearerLoginModule required;", kafka.settings().get("sasl.jaas.config"));
  }

  @Test
  void theEmbeddedBrokerIsNotToldToExpectALogin() {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    """
                    kafka:
                      client: {security_protocol: SASL_PLAINTEXT, sasl_mechanism: PLAIN,
                               sasl_username: u, sasl_password: hunter2-pw}
                    """,
                    "fleetpulse.yml",
                    Map.of()));

    assertTrue(
        error
            .getMessage()
            .contains(
                "kafka.client.security_protocol: SASL_PLAINTEXT needs kafka.bootstrap_servers"),
        error.getMessage());
  }

  private KafkaConnection connection(String yaml, Map<String, String> environment) {
    KafkaSettings kafka = loader.parse(yaml, "fleetpulse.yml", environment).kafka();
    return kafka.connection(kafka.bootstrapServers());
  }

  private void assertError(String expected, String client) {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "kafka:\n  bootstrap_servers: kafka:9093\n  " + client + "\n",
                    "fleetpulse.yml",
                    Map.of()));
    String message = error.getMessage();
    assertTrue(message.startsWith("fleetpulse.yml:3: " + expected), message);
    assertEquals(1, message.lines().count(), message);
    assertFalse(message.contains("hunter2"), message);
  }
}
