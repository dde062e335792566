package io.fleetpulse.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.ListenAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamsAppConfigTest {

  @Test
  void nullComponentsTakeTheDefaults() {
    StreamsAppConfig config = StreamsAppConfig.defaults();

    assertEquals("fleetpulse-streams", config.applicationId());
    assertEquals(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1)), config.windows());
    assertEquals(Duration.ofSeconds(10), config.grace());
    assertEquals(1, config.numStreamThreads());
    assertEquals("./.fleetpulse/streams-state", config.stateDir());
    assertEquals(-1, config.replicationFactor());
    assertEquals("127.0.0.1:9402", config.listen());
    assertEquals(Duration.ofSeconds(5), config.eventLateness());
  }

  @Test
  void givenValuesAreKept() {
    StreamsAppConfig config =
        new StreamsAppConfig(
            "app", List.of(Duration.ofMinutes(5)), Duration.ZERO, 2, "/var/lib/fp", 3, "[::1]:0");

    assertEquals(
        new StreamsAppConfig(
            "app", List.of(Duration.ofMinutes(5)), Duration.ZERO, 2, "/var/lib/fp", 3, "[::1]:0"),
        config);
    assertEquals(2, config.numStreamThreads());
    assertEquals(new ListenAddress("::1", 0), config.listenAddress());
    assertEquals(
        new ListenAddress("0.0.0.0", 9402),
        new StreamsAppConfig(null, null, null, null, null, null, "0.0.0.0:9402").listenAddress());
  }

  @Test
  void badValuesAreRefusedNamingTheSetting() {
    assertRefused(
        "streams.windows",
        () -> new StreamsAppConfig(null, List.of(), null, null, null, null, null));
    assertRefused(
        "streams.windows",
        () -> new StreamsAppConfig(null, List.of(Duration.ZERO), null, null, null, null, null));
    assertRefused(
        "streams.windows",
        () ->
            new StreamsAppConfig(
                null, List.of(Duration.ofNanos(1500)), null, null, null, null, null));
    assertRefused(
        "streams.windows",
        () ->
            new StreamsAppConfig(
                null,
                List.of(Duration.ofSeconds(60), Duration.ofMinutes(1)),
                null,
                null,
                null,
                null,
                null));
    assertRefused(
        "streams.grace",
        () -> new StreamsAppConfig(null, null, Duration.ofSeconds(-1), null, null, null, null));
    assertRefused(
        "streams.event_lateness",
        () ->
            new StreamsAppConfig(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Duration.ofSeconds(11)));
    assertRefused(
        "streams.num_stream_threads",
        () -> new StreamsAppConfig(null, null, null, 0, null, null, null));
    assertRefused(
        "streams.replication_factor",
        () -> new StreamsAppConfig(null, null, null, null, null, 0, null));
    assertRefused(
        "streams.application_id",
        () -> new StreamsAppConfig(" ", null, null, null, null, null, null));
    assertRefused(
        "streams.state_dir", () -> new StreamsAppConfig(null, null, null, null, "", null, null));
    for (String listen :
        new String[] {
          "9402",
          "localhost",
          "localhost:",
          "localhost:http",
          "host:70000",
          "::1:9402",
          "host:9402/metrics"
        }) {
      assertRefused(
          "streams.listen", () -> new StreamsAppConfig(null, null, null, null, null, null, listen));
    }
  }

  private static void assertRefused(String setting, Runnable construct) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, construct::run);
    assertTrue(error.getMessage().startsWith(setting), error.getMessage());
  }
}
