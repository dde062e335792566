package io.fleetpulse.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.broker.BrokerListener;
import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.cli.testing.Await;
import io.fleetpulse.cli.testing.CollectorYaml;
import io.fleetpulse.cli.topics.KafkaAccessException;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline against a broker that takes clients only over TLS with a SASL PLAIN login:
 * every client FleetPulse makes must carry the {@code kafka.client} settings, or no window would
 * reach the sink. A SCRAM-SHA-512 login through the same settings gets in over the same listener.
 * The broker's certificate is made here with the JDK's keytool, and trusted by the clients as a PEM
 * file.
 */
class SecuredKafkaIT {

  private static final String STORE_PASSWORD = "broker-store-pw";
  private static final String PASSWORD = "fleet-s3cret-pw";
  private static final String SCRAM_PASSWORD = "fleet-scram-s3cret-pw";

  @TempDir static Path dir;
  private static BrokerListener listener;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    Path keystore = dir.resolve("broker.p12");
    Path certificate = dir.resolve("broker.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=IP:127.0.0.1,DNS:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-keypass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "broker",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        certificate.toString());
    String prefix = "listener.name.secured.";
    listener =
        new BrokerListener(
            "SECURED",
            "SASL_SSL",
            Map.of(
                "sasl.enabled.mechanisms",
                "PLAIN,SCRAM-SHA-512",
                prefix + "sasl.enabled.mechanisms",
                "PLAIN,SCRAM-SHA-512",
                prefix + "scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                prefix + "plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " user_fleet=\""
                    + PASSWORD
                    + "\";",
                prefix + "ssl.keystore.location",
                keystore.toString(),
                prefix + "ssl.keystore.password",
                STORE_PASSWORD,
                prefix + "ssl.keystore.type",
                "PKCS12"));
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), listener);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void collectorStreamsAndSinkGetInWithTheirLoginAndAFleetWindowReachesTheSink() throws Exception {
    try (SimulatedFleet fleet =
            SimulatedFleet.start(new FleetSpec(List.of("us-east"), 2, null, 0, 5));
        Pipeline pipeline = Pipeline.start(config(fleet, PASSWORD, "good"), Component.all())) {
      int port = pipeline.sink().orElseThrow().port();
      HttpClient http = HttpClient.newHttpClient();
      Await.until(
          "a closed fleet window on the sink",
          Duration.ofSeconds(40),
          () ->
              http.send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body()
                  .lines()
                  .anyMatch(
                      line ->
                          line.startsWith("fleetpulse_window_end_timestamp_seconds{")
                              && line.contains("scope=\"fleet\"")));
      assertFalse(pipeline.connection().toString().contains(PASSWORD));
    }
  }

  @Test
  void aWrongPasswordFailsTheStartAtOnceSayingKafkaRefusedIt() throws Exception {
    long started = System.nanoTime();
    try (SimulatedFleet fleet =
        SimulatedFleet.start(new FleetSpec(List.of("us-east"), 1, null, 0, 5))) {
      FleetPulseConfig config = config(fleet, "not-the-password", "bad");

      KafkaAccessException refused =
          assertThrows(KafkaAccessException.class, () -> Pipeline.start(config, Component.all()));

      assertTrue(refused.getMessage().contains("refused FleetPulse"), refused.getMessage());
      assertTrue(refused.getMessage().contains("Authentication failed"), refused.getMessage());
      assertFalse(refused.getMessage().contains("not-the-password"), refused.getMessage());
      assertEquals(1, refused.getMessage().lines().count());
    }
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(20), "took too long");
  }

  @Test
  void aScramSha512LoginGetsInAndAWrongOneIsRefused() throws Exception {
    try (Admin plain = admin("PLAIN", "fleet", PASSWORD, "scram-setup")) {
      plain
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      "fleet-scram",
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                      SCRAM_PASSWORD)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }

    // The credential reaches the broker through the metadata log, a moment after the call.
    Await.until(
        "a SCRAM-SHA-512 login",
        Duration.ofSeconds(30),
        () -> {
          try (Admin scram = admin("SCRAM-SHA-512", "fleet-scram", SCRAM_PASSWORD, "scram")) {
            return !scram.describeCluster().clusterId().get(30, TimeUnit.SECONDS).isEmpty();
          } catch (ExecutionException e) {
            return false;
          }
        });
    try (Admin wrong = admin("SCRAM-SHA-512", "fleet-scram", "not-the-password", "scram-bad")) {
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () -> wrong.describeCluster().clusterId().get(30, TimeUnit.SECONDS));
      assertTrue(
          refused.getCause() instanceof SaslAuthenticationException, refused.getCause().toString());
    }
  }

  /** An admin client made from FleetPulse's own kafka.client settings with this login. */
  private static Admin admin(String mechanism, String user, String password, String name)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve(name + ".yml"), kafkaSection(mechanism, user, password) + "\n");
    return Admin.create(
        new ConfigLoader()
            .load(file, Map.of())
            .kafka()
            .connection(broker.bootstrapServers(listener))
            .clientProperties());
  }

  private static String kafkaSection(String mechanism, String user, String password) {
    return """
        kafka:
          bootstrap_servers: "%s"
          partitions: 2
          client:
            security_protocol: SASL_SSL
            sasl_mechanism: %s
            sasl_username: %s
            sasl_password: "%s"
            ssl_truststore_location: %s
            ssl_truststore_type: PEM\
        """
        .formatted(
            broker.bootstrapServers(listener),
            mechanism,
            user,
            password,
            dir.resolve("broker.pem"));
  }

  private static FleetPulseConfig config(SimulatedFleet fleet, String password, String name)
      throws Exception {
    Path file = dir.resolve(name + ".yml");
    Files.writeString(
        file,
        """
        %s
        %s
        streams:
          application_id: secured-%s
          windows: [10s]
          grace: 8s
          state_dir: %s
          listen: 127.0.0.1:0
        sink:
          listen: 127.0.0.1:0
        """
            .formatted(
                kafkaSection("PLAIN", "fleet", password),
                CollectorYaml.scraping(fleet),
                name,
                dir.resolve("state-" + name)));
    return new ConfigLoader().load(file, Map.of());
  }

  private static void keytool(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
    }
  }
}
