package io.fleetpulse.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void eachKindOfTopicHasItsOwnRetentionByDefault() {
    KafkaSettings kafka = KafkaSettings.defaults();

    assertEquals(Duration.ofDays(3), kafka.rawRetention());
    assertEquals(Duration.ofDays(1), kafka.windowsRetention());
    assertEquals(Duration.ofDays(30), kafka.resultsRetention());
    assertEquals(Retention.of(Duration.ofDays(30)), kafka.rollupRetention().of("1m"));
    assertEquals(Retention.of(Duration.ofDays(730)), kafka.rollupRetention().of("1h"));
    assertEquals(Retention.forever(), kafka.rollupRetention().of("1d"));
  }

  @Test
  void aTiersRetentionIsADurationOrForeverFromTheFileOrTheEnvironment() {
    FleetPulseConfig config =
        loader.parse(
            """
            kafka:
              rollup_retention:
                1m: 7d
                1d: 5y
            """,
            "fleetpulse.yml",
            Map.of("FLEETPULSE_KAFKA_ROLLUP_RETENTION_1H", "forever"));

    RollupRetention retention = config.kafka().rollupRetention();
    assertEquals(Retention.of(Duration.ofDays(7)), retention.of("1m"));
    assertEquals(Retention.forever(), retention.of("1h"));
    assertEquals(Retention.of(Duration.ofDays(5 * 365)), retention.of("1d"));
  }

  @Test
  void aRetentionThatIsNeitherIsNamedByItsOption() {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    """
                    kafka:
                      rollup_retention:
                        1h: never
                    """,
                    "fleetpulse.yml",
                    Map.of()));

    assertTrue(error.getMessage().contains("rollup_retention"), error.getMessage());
  }
}
