package io.fleetpulse.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.config.ScrapeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private static final String DESIGN_MINIMAL =
      """
      kafka:
        bootstrap_servers: ""        # empty: start the embedded broker
      collector:
        scrape_interval: 5s
        scrape_configs:
          - job_name: vllm
            static_configs:
              - targets: ["127.0.0.1:8001", "127.0.0.1:8002"]
                labels: {cluster: us-east}
      sink:
        listen: 127.0.0.1:9400
      """;

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void readsTheMinimalConfigFromTheDesignWithDefaultsForTheRest() {
    FleetPulseConfig config = loader.parse(DESIGN_MINIMAL, "fleetpulse.yml", Map.of());

    assertTrue(config.kafka().embedded());
    assertEquals("fleetpulse", config.kafka().topicPrefix());
    assertEquals(Duration.ofSeconds(5), config.collector().scrapeInterval());
    ScrapeConfig job = config.collector().scrapeConfigs().get(0);
    assertEquals("vllm", job.jobName());
    assertEquals(List.of("127.0.0.1:8001", "127.0.0.1:8002"), job.staticConfigs().get(0).targets());
    assertEquals("us-east", job.staticConfigs().get(0).labels().get("cluster"));
    assertEquals("127.0.0.1:9400", config.sink().listen());
    assertEquals(
        List.of(Duration.ofSeconds(10), Duration.ofMinutes(1)), config.streams().windows());
  }

  @Test
  void anEmptyFileMeansAllDefaults() {
    assertEquals(FleetPulseConfig.defaults(), loader.parse("", "empty.yml", Map.of()));
  }

  @Test
  void everyEndpointListensOnLoopbackOnlyByDefault() {
    FleetPulseConfig defaults = loader.parse("", "empty.yml", Map.of());

    assertEquals("127.0.0.1:9400", defaults.sink().listen());
    assertEquals("127.0.0.1:9401", defaults.collector().ingest().listen());
    assertEquals("127.0.0.1:9402", defaults.streams().listen());
    assertEquals(null, defaults.collector().ingest().otlpGrpcListen(), "OTLP/gRPC is off");
  }

  @Test
  void environmentVariablesOverrideAnyOption() {
    FleetPulseConfig config =
        loader.parse(
            DESIGN_MINIMAL,
            "fleetpulse.yml",
            Map.of(
                "FLEETPULSE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "FLEETPULSE_COLLECTOR_SCRAPE_INTERVAL", "8s",
                "FLEETPULSE_STREAMS_WINDOWS", "[30s, 5m]",
                "FLEETPULSE_KAFKA_PARTITIONS", "12",
                "FLEETPULSE_JAVA_OPTS", "-Xmx1g",
                "PATH", "/usr/bin"));

    assertEquals("kafka-1:9092,kafka-2:9092", config.kafka().bootstrapServers());
    assertEquals(Duration.ofSeconds(8), config.collector().scrapeInterval());
    assertEquals(
        List.of(Duration.ofSeconds(30), Duration.ofMinutes(5)), config.streams().windows());
    assertEquals(12, config.kafka().partitions());
    assertEquals("vllm", config.collector().scrapeConfigs().get(0).jobName());
  }

  private String error(String yaml, Map<String, String> environment) {
    return assertThrows(
            ConfigException.class, () -> loader.parse(yaml, "fleetpulse.yml", environment))
        .getMessage();
  }

  @Test
  void aMisspelledOptionIsNamedByItsPathAndLine() {
    String message =
        error(
            """
        # comment
        kafka:
          bootstrap_server: "x:9092"
        """,
            Map.of());

    assertTrue(
        message.startsWith(
            "fleetpulse.yml:3: kafka.bootstrap_server: unknown option; known here: "
                + "bootstrap_servers, "),
        message);
  }

  @Test
  void aMissingWebConfigFileIsNamedByItsOptionAndLine() {
    String message =
        error(
            """
        sink:
          listen: 127.0.0.1:0
          web_config_file: absent-web.yml
        """,
            Map.of());

    assertEquals(
        "fleetpulse.yml:3: sink.web_config_file: \"absent-web.yml\": no such file", message);
  }

  @Test
  void eventsTheCollectorWouldAcceptTooLateForTheirWindowsAreAConfigError() {
    String message =
        error(
            """
        collector:
          ingest:
            max_finish_age: 6s
        """,
            Map.of());

    assertTrue(
        message.startsWith(
            "fleetpulse.yml:3: collector.ingest.max_finish_age (6s) must be shorter than"
                + " streams.event_lateness (5s)"),
        message);
    assertFalse(message.contains("Cannot construct"), message);
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void aScrapeIntervalAsLongAsTheGraceIsAConfigErrorNamingTheJob() {
    String message =
        error(
            """
        collector:
          scrape_configs:
            - job_name: fast
            - job_name: slow
              scrape_interval: 10s
        """,
            Map.of());

    assertTrue(
        message.startsWith(
            "fleetpulse.yml:5: collector.scrape_configs[1].scrape_interval (10s, job \"slow\")"
                + " must be shorter than streams.grace (10s)"),
        message);
    assertFalse(message.contains("Cannot construct"), message);
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void aGraceShorterThanTheStreamsFailoverIsAConfigErrorAtItsLine() {
    String message =
        error(
            """
        streams:
          grace: 7s
          event_lateness: 5s
        """,
            Map.of());

    assertTrue(message.startsWith("fleetpulse.yml:2: streams.grace 7000 ms is shorter"), message);
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void aCheckAcrossSectionsFromTheEnvironmentNamesTheOptionWithoutJacksonsWords() {
    String message = error("", Map.of("FLEETPULSE_COLLECTOR_INGEST_MAX_FINISH_AGE", "6s"));

    assertTrue(
        message.startsWith(
            "fleetpulse.yml with environment overrides: collector.ingest.max_finish_age (6s)"),
        message);
    assertFalse(message.contains("Cannot construct"), message);
  }

  @Test
  void aSyntaxErrorNamesItsLine() {
    String message =
        error(
            """
        kafka:
          partitions: [1, 2
        sink: {}
        """,
            Map.of());

    assertTrue(message.startsWith("fleetpulse.yml:3: "), message);
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void aBadDurationNamesTheOptionItsLineAndTheValue() {
    String message =
        error(
            """
        collector:
          scrape_interval: 5 seconds
        """,
            Map.of());

    assertTrue(message.startsWith("fleetpulse.yml:2: collector.scrape_interval: "), message);
    assertTrue(message.contains("'5 seconds'"), message);
  }

  @Test
  void aMistakeInsideAJobNamesTheJobsOptionAndLine() {
    String message =
        error(
            """
        collector:
          scrape_configs:
            - job_name: vllm
              static_configs: [{targets: ["a:1"]}]
            - job_name: tgi
              scrape_interval: 0s
        """,
            Map.of());

    assertEquals(
        "fleetpulse.yml:6: collector.scrape_configs[1].scrape_interval: must be positive, got 0s",
        message);
  }

  @Test
  void aCheckOfARecordNamesTheOptionInsideIt() {
    String message =
        error(
            """
        collector:
          ingest:
            listen: 127.0.0.1:9401
            max_body_size: lots
        """,
            Map.of());

    assertEquals(
        "fleetpulse.yml:4: collector.ingest.max_body_size: \"lots\" is not a size such as 512KB, 10MB or "
            + "1GiB",
        message);
  }

  @Test
  void aBadOverrideNamesTheVariable() {
    String message = error("", Map.of("FLEETPULSE_KAFKA_PARTITIONS", "0"));

    assertEquals(
        "environment variable FLEETPULSE_KAFKA_PARTITIONS: kafka.partitions: must be at least 1, got 0",
        message);
  }

  @Test
  void aSecretFromTheEnvironmentIsTakenAsWrittenNeverAsYaml() {
    for (String token : List.of("null", "~", "abc #x", "[a, b]", "{x: 1}", "'quoted'")) {
      FleetPulseConfig config =
          loader.parse(
              "", "fleetpulse.yml", Map.of("FLEETPULSE_COLLECTOR_INGEST_BEARER_TOKEN", token));

      assertEquals(token, config.collector().ingest().bearerToken());
    }
  }

  @Test
  void noErrorShowsASecret() {
    String inFile =
        error(
            """
        collector:
          ingest:
            bearer_token: "hunter2-file"
            max_body_size: hunter2-file
        """,
            Map.of());
    String broken =
        error(
            """
        collector:
          ingest:
            bearer_token: hunter2-broken: x
        """,
            Map.of());
    String fromEnvironment =
        error(
            "collector: {ingest: {max_body_size: 0KB}}",
            Map.of("FLEETPULSE_COLLECTOR_INGEST_BEARER_TOKEN", "hunter2-env"));
    String blank = error("", Map.of("FLEETPULSE_COLLECTOR_INGEST_BEARER_TOKEN", " "));

    for (String message : List.of(inFile, broken, fromEnvironment, blank)) {
      assertTrue(!message.contains("hunter2"), message);
      assertEquals(1, message.lines().count(), message);
    }
    assertTrue(inFile.contains("<hidden>"), inFile);
    assertTrue(blank.contains("collector.ingest.bearer_token: must not be blank"), blank);
  }

  @Test
  void noConfigPrintsASecret() {
    FleetPulseConfig config =
        loader.parse(
            """
        collector:
          ingest: {bearer_token: hunter2-token}
          scrape_configs:
            - job_name: a
              basic_auth: {username: u, password: hunter2-password}
            - job_name: b
              authorization: {credentials: hunter2-credentials}
        """,
            "fleetpulse.yml",
            Map.of());

    assertTrue(!config.toString().contains("hunter2"), config.toString());
  }

  @Test
  void theSampleConfigInTheRepositoryLoads() throws Exception {
    Path sample = Path.of("..", "fleetpulse.example.yml");
    FleetPulseConfig config = loader.load(sample, Map.of());
    assertTrue(Files.exists(sample));
    assertEquals(FleetPulseConfig.defaults().streams(), config.streams());
    assertEquals(FleetPulseConfig.defaults().kafka(), config.kafka());
    assertEquals(FleetPulseConfig.defaults().sink(), config.sink());
  }
}
