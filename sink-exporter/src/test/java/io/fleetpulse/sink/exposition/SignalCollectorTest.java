package io.fleetpulse.sink.exposition;

import static io.fleetpulse.sink.TestSignals.signal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.sink.DropReason;
import io.fleetpulse.sink.RecordDrops;
import io.fleetpulse.sink.signal.LatestSignals;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class SignalCollectorTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private final MutableClock clock = MutableClock.of(T, ZoneOffset.UTC);
  private final LatestSignals latest = new LatestSignals(Duration.ofMinutes(5));
  private final SignalCollector collector = new SignalCollector(latest, clock);

  @Test
  void everySignalHasAFleetSeriesAtZeroBeforeAnyDetectorSpeaks() {
    List<String> expected =
        Arrays.stream(SignalName.values())
            .map(s -> "fleetpulse_signal_active{scope=\"fleet\",signal=\"" + s.id() + "\"} 0.0")
            .sorted()
            .toList();

    assertEquals(expected, samples("fleetpulse_signal_active"));
  }

  @Test
  void aFiringSignalIsOneWithItsSeverityAndTakesThePlaceOfTheFleetPlaceholder() {
    latest.offer(
        signal("queue_time_rising", "fleet", SignalState.FIRING, T)
            .setSeverity("critical")
            .build());
    latest.offer(
        signal("queue_time_rising", "cluster", SignalState.PENDING, T)
            .setCluster("us-east")
            .build());
    latest.offer(
        signal("slow_node", "node", SignalState.FIRING, T)
            .setCluster("us-east")
            .setModel("llama")
            .setNode("10.0.0.1:8000")
            .build());

    List<String> active = samples("fleetpulse_signal_active");

    assertEquals(
        List.of(
            "fleetpulse_signal_active{cluster=\"us-east\",model=\"llama\",node=\"10.0.0.1:8000\",scope=\"node\","
                + "severity=\"warning\",signal=\"slow_node\"} 1.0",
            "fleetpulse_signal_active{cluster=\"us-east\",scope=\"cluster\",severity=\"warning\","
                + "signal=\"queue_time_rising\"} 0.0",
            "fleetpulse_signal_active{scope=\"fleet\",severity=\"critical\",signal=\"queue_time_rising\"} 1.0"),
        active.stream().filter(line -> !line.contains("scope=\"fleet\",signal=")).toList());
    assertEquals(
        SignalName.values().length - 1,
        active.stream().filter(line -> line.contains("scope=\"fleet\",signal=")).count());
  }

  @Test
  void aResolvedSignalIsZeroUntilItGoesStale() {
    latest.offer(
        signal("slow_node", "node", SignalState.FIRING, T)
            .setCluster("c")
            .setModel("m")
            .setNode("n")
            .build());
    latest.offer(
        signal("slow_node", "node", SignalState.RESOLVED, T.plusSeconds(10))
            .setCluster("c")
            .setModel("m")
            .setNode("n")
            .build());

    assertEquals(
        List.of(
            "fleetpulse_signal_active{cluster=\"c\",model=\"m\",node=\"n\",scope=\"node\","
                + "severity=\"warning\",signal=\"slow_node\"} 0.0"),
        nodeSamples());

    clock.add(Duration.ofMinutes(6));

    assertEquals(List.of(), nodeSamples());
  }

  @Test
  void kvCacheExhaustionIsPredictedSecondsOrInfinityWhenItNeverFills() {
    latest.offer(
        signal("kv_cache_saturation", "cluster", SignalState.PENDING, T)
            .setCluster("a")
            .setSecondsToExhaustion(42.5)
            .build());
    latest.offer(
        signal("kv_cache_saturation", "cluster", SignalState.INACTIVE, T).setCluster("b").build());

    assertEquals(
        List.of(
            "fleetpulse_kv_cache_seconds_to_exhaustion{cluster=\"a\",scope=\"cluster\"} 42.5",
            "fleetpulse_kv_cache_seconds_to_exhaustion{cluster=\"b\",scope=\"cluster\"} +Inf"),
        samples("fleetpulse_kv_cache_seconds_to_exhaustion"));
  }

  @Test
  void withTheNodeScopeOffNodeSignalsAreDroppedAndCounted() {
    RecordDrops drops = new RecordDrops();
    LatestSignals noNodes = new LatestSignals(Duration.ofMinutes(5), false, drops);

    assertFalse(
        noNodes.offer(
            signal("slow_node", "node", SignalState.FIRING, T)
                .setCluster("c")
                .setModel("m")
                .setNode("n")
                .build()));
    assertTrue(
        noNodes.offer(
            signal("slow_node", "cluster", SignalState.FIRING, T).setCluster("c").build()));

    assertEquals(1, noNodes.current(T).size());
    assertEquals(1, drops.count(DropReason.NODE_SCOPE_DISABLED));
  }

  @Test
  void anUnknownSignalOrABadSeverityIsRefusedByName() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> latest.offer(signal("gpu_on_fire", "fleet", SignalState.FIRING, T).build()));
    IllegalArgumentException severity =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                latest.offer(
                    signal("slow_node", "fleet", SignalState.FIRING, T)
                        .setSeverity("Very Bad")
                        .build()));

    assertEquals("unknown signal 'gpu_on_fire'", unknown.getMessage());
    assertEquals(
        "signal slow_node has severity 'Very Bad', expected a lower-case word of at most 32",
        severity.getMessage());
  }

  private List<String> nodeSamples() {
    return samples("fleetpulse_signal_active").stream()
        .filter(line -> line.contains("scope=\"node\""))
        .toList();
  }

  private List<String> samples(String family) {
    return PrometheusTextFormatWriter.create()
        .toDebugString(collector.collect())
        .lines()
        .filter(line -> line.startsWith(family + "{"))
        .toList();
  }
}
