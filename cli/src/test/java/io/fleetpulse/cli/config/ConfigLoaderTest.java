package io.fleetpulse.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  private static final String DESIGN_MINIMAL = """
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
    assertEquals(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1)), config.streams().windows());
  }

  @Test
  void anEmptyFileMeansAllDefaults() {
    assertEquals(FleetPulseConfig.defaults(), loader.parse("", "empty.yml", Map.of()));
  }

  @Test
  void environmentVariablesOverrideAnyOption() {
    FleetPulseConfig config = loader.parse(DESIGN_MINIMAL, "fleetpulse.yml", Map.of(
        "FLEETPULSE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
        "FLEETPULSE_COLLECTOR_SCRAPE_INTERVAL", "15s",
        "FLEETPULSE_STREAMS_WINDOWS", "[30s, 5m]",
        "FLEETPULSE_KAFKA_PARTITIONS", "12",
        "FLEETPULSE_JAVA_OPTS", "-Xmx1g",
        "PATH", "/usr/bin"));

    assertEquals("kafka-1:9092,kafka-2:9092", config.kafka().bootstrapServers());
    assertEquals(Duration.ofSeconds(15), config.collector().scrapeInterval());
    assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(5)), config.streams().windows());
    assertEquals(12, config.kafka().partitions());
    assertEquals("vllm", config.collector().scrapeConfigs().get(0).jobName());
  }

  @Test
  void aMisspelledOptionIsNamedByItsPath() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        kafka:
          bootstrap_server: "x:9092"
        """, "fleetpulse.yml", Map.of()));
    assertTrue(e.getMessage().startsWith("fleetpulse.yml: "), e.getMessage());
    assertTrue(e.getMessage().contains("option kafka.bootstrap_server: Unrecognized field"), e.getMessage());
  }

  @Test
  void aSyntaxErrorNamesItsLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        kafka:
          partitions: [1, 2
        sink: {}
        """, "fleetpulse.yml", Map.of()));
    assertTrue(e.getMessage().startsWith("fleetpulse.yml: "), e.getMessage());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void aBadDurationNamesTheOptionAndTheValue() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        collector:
          scrape_interval: 5 seconds
        """, "fleetpulse.yml", Map.of()));
    assertTrue(e.getMessage().contains("collector.scrape_interval"), e.getMessage());
    assertTrue(e.getMessage().contains("'5 seconds'"), e.getMessage());
  }

  @Test
  void aBadOverrideNamesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("", "fleetpulse.yml",
        Map.of("FLEETPULSE_KAFKA_PARTITIONS", "0")));
    assertTrue(e.getMessage().contains("environment overrides"), e.getMessage());
    assertTrue(e.getMessage().contains("kafka.partitions must be at least 1"), e.getMessage());
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
