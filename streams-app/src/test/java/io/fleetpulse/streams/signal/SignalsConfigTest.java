package io.fleetpulse.streams.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalsConfigTest {

  @Test
  void nullComponentsTakeTheDefaults() {
    SignalsConfig config = SignalsConfig.defaults();
    assertEquals(Duration.ofSeconds(10), config.window());
    assertEquals("10s", config.windowName());
    assertEquals(0.9, config.minObservedRatio());
    assertEquals(0.9, config.kvCache().level());
    assertEquals(
        Duration.ofMinutes(7), config.kvCache().warmUp(), "the KV warm-up is its fit window");
    assertEquals(Duration.ofSeconds(2), config.ttftSlo().threshold());
    assertEquals(2, config.nodeDown().failedScrapes());
    assertEquals(3, config.slowNode().minPeers());
  }

  @Test
  void aBadValueNamesItsOption() {
    assertMessage(
        "streams.signals.kv_cache.level must be between 0 and 1",
        () -> new SignalsConfig.KvCache(1.5, null, null, null, null, null, null));
    assertMessage(
        "streams.signals.kv_cache.clear_level (0.95) must be below streams.signals.kv_cache.level",
        () -> new SignalsConfig.KvCache(0.9, 0.95, null, null, null, null, null));
    assertMessage(
        "streams.signals.queue_time.quantile must be one of the published quantiles",
        () -> new SignalsConfig.QueueTime(0.75, null, null, null, null, null, null));
    assertMessage(
        "streams.signals.node_down.failed_scrapes must be from 1 to 100",
        () -> new SignalsConfig.NodeDown(0));
    assertMessage(
        "streams.signals.ttft_slo.burn_rate 200.0 can never be reached",
        () -> new SignalsConfig.TtftSlo(null, 0.99, null, null, 200.0, null, null));
    assertMessage(
        "streams.signals.throughput.pending_for must be from 0ms to 1d",
        () -> new SignalsConfig.Throughput(null, null, null, null, null, Duration.ofDays(2), null));
    assertMessage(
        "streams.signals.min_observed_ratio must be from 0 to 1",
        () -> new SignalsConfig(null, 1.5, null, null, null, null, null, null, null, null, null));
  }

  @Test
  void theWindowMustBeOneTheAppAggregates() {
    SignalsConfig.defaults().checkWindowIn(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1)));
    assertMessage(
        "streams.signals.window 10s is not one of streams.windows [30s, 1m]",
        () ->
            SignalsConfig.defaults()
                .checkWindowIn(List.of(Duration.ofSeconds(30), Duration.ofMinutes(1))));
  }

  private static void assertMessage(String expected, Runnable construct) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, construct::run);
    assertTrue(error.getMessage().startsWith(expected), error.getMessage());
  }
}
