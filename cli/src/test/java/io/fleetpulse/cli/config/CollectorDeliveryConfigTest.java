package io.fleetpulse.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.ingest.IngestConfig;
import io.fleetpulse.collector.publish.DeliveryConfig;
import io.fleetpulse.schemas.ListenAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The collector's ingest endpoint and Kafka delivery as the config file and the environment set
 * them.
 */
class CollectorDeliveryConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void theSampleConfigShowsBothSectionsAtTheirDefaults() {
    FleetPulseConfig config = loader.load(Path.of("..", "fleetpulse.example.yml"), Map.of());

    assertEquals(IngestConfig.defaults(), config.collector().ingest());
    assertEquals(DeliveryConfig.defaults(), config.collector().delivery());
    assertEquals(CollectorConfig.defaults(), config.collector());
  }

  @Test
  void theFileAndTheEnvironmentSetThem() {
    FleetPulseConfig config =
        loader.parse(
            """
        collector:
          ingest:
            listen: "[::1]:9501"
            max_body_size: 512KB
          delivery:
            flush_timeout: 30s
        """,
            "fleetpulse.yml",
            Map.of(
                "FLEETPULSE_COLLECTOR_INGEST_BEARER_TOKEN", "s3cret",
                "FLEETPULSE_COLLECTOR_DELIVERY_BUFFER_RECORDS", "5000"));

    assertEquals(new IngestConfig("[::1]:9501", "s3cret", "512KB"), config.collector().ingest());
    assertEquals(new ListenAddress("::1", 9501), config.collector().ingest().listenAddress());
    assertEquals(512 * 1024, config.collector().ingest().maxBodyBytes());
    assertEquals(new DeliveryConfig(5000, Duration.ofSeconds(30)), config.collector().delivery());
  }

  @Test
  void mistakesNameTheOption() {
    ConfigException size =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "collector: {ingest: {max_body_size: lots}}", "fleetpulse.yml", Map.of()));
    ConfigException listen =
        assertThrows(
            ConfigException.class,
            () -> loader.parse("collector: {ingest: {listen: 9401}}", "fleetpulse.yml", Map.of()));
    ConfigException buffer =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "collector: {delivery: {buffer_records: 0}}", "fleetpulse.yml", Map.of()));

    assertEquals(
        "fleetpulse.yml:1: collector.ingest.max_body_size: \"lots\" is "
            + "not a size such as 512KB, 10MB or 1GiB",
        size.getMessage());
    assertEquals(
        "fleetpulse.yml:1: collector.ingest.listen: must be host:port with a port "
            + "0..65535 (e.g. 127.0.0.1:9400, [::1]:9400), got '9401'",
        listen.getMessage());
    assertEquals(
        "fleetpulse.yml:1: collector.delivery.buffer_records: must " + "be at least 2, got 0",
        buffer.getMessage());
  }
}
