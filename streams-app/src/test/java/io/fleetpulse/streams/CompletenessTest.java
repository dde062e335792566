package io.fleetpulse.streams;

import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.Scrapes.vllm;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.streams.health.PipelineBehind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows close on completeness: as soon as every node has reported past a window's end, long
 * before the grace on a healthy fleet; and a backlog read long after the fact is published complete
 * and exact, window by window, while the pipeline says it is behind.
 */
class CompletenessTest {

  private static final int NODES = 40;
  private static final long INTERVAL_MS = 5_000;
  private static final double TOKENS_PER_SECOND = 20;

  @TempDir Path stateDir;

  @Test
  void aHealthyFleetsWindowClosesOnceEveryNodeReportedPastItsEndBeforeTheGrace() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      for (long at = 0; at < ms(10); at += INTERVAL_MS) {
        for (int node = 0; node < NODES; node++) {
          harness.pipe(scrape(node, at + spread(node)));
        }
      }
      assertTrue(harness.windows("fleet/10s").isEmpty(), "no node has reported past 10 s yet");
      for (int node = 0; node < NODES - 1; node++) {
        harness.pipe(scrape(node, ms(10) + spread(node)));
      }
      assertTrue(harness.windows("fleet/10s").isEmpty(), "one node has not reported past 10 s yet");

      harness.pipe(scrape(NODES - 1, ms(10) + spread(NODES - 1)));
      // Stream time is under 15 s, well before 10 s + the 10 s grace: the window closed on
      // completeness.
      FleetWindow window = harness.window("fleet/10s", 0);
      assertEquals(NODES, window.getNodesUp());
      assertEquals(0, harness.lateSlicesDropped());
      assertEquals(Scrapes.BASE.plusSeconds(10), window.getWindowEndMs());
    }
  }

  @Test
  void aNodeThatStoppedReportingNoLongerHoldsWindowsOnceTheGraceHasPassed() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      for (long at = 0; at <= ms(40); at += INTERVAL_MS) {
        harness.pipe(scrape(0, at + spread(0)));
        if (at <= ms(5)) {
          harness.pipe(scrape(1, at + spread(1)));
        }
      }
      // Node 1 last reported at about 5 s and is not waited for past 15 s: every window up to 40 s
      // closed on
      // node 0's reports alone, not 10 s later by the grace.
      List<FleetWindow> windows = harness.windows("fleet/10s");
      assertEquals(4, windows.size());
      assertEquals(2, windows.get(0).getNodesUp());
      assertEquals(1, windows.get(3).getNodesUp());
      assertEquals(0, harness.lateSlicesDropped());
    }
  }

  @Test
  void aBacklogReadLongAfterTheFactIsPublishedCompleteAndExactWhileThePipelineSaysItIsBehind() {
    long runMs = Duration.ofMinutes(3).toMillis();
    try (TopologyHarness harness =
        new TopologyHarness(
            stateDir, Scrapes.BASE.plus(Duration.ofMinutes(10)), seconds(10), seconds(60))) {
      for (long at = 0; at <= runMs; at += INTERVAL_MS) {
        for (int node = 0; node < NODES; node++) {
          harness.pipe(scrape(node, at + spread(node)));
          harness.advanceWallClock(Duration.ofMillis(20));
        }
      }

      List<KeyValue<String, Signal>> signals = harness.signals();
      assertFalse(signals.isEmpty());
      assertEquals(PipelineBehind.KEY, signals.get(0).key);
      assertEquals(SignalName.PIPELINE_BEHIND.id(), signals.get(0).value.getSignal());
      assertEquals(SignalState.FIRING, signals.get(0).value.getState());
      assertTrue(harness.metrics().behind());

      List<FleetWindow> tenSeconds = harness.windows("fleet/10s");
      assertTrue(
          tenSeconds.size() >= 17, "the backlog's windows are published as its nodes pass them");
      assertEquals(0, harness.lateSlicesDropped());
      for (FleetWindow window : tenSeconds.subList(1, tenSeconds.size())) {
        assertEquals(
            NODES,
            window.getNodesUp(),
            "complete: every node in every window " + window.getWindowStartMs());
        assertEquals(1.0, window.getObservedRatio(), 1e-9);
        assertEquals(NODES * TOKENS_PER_SECOND * 10, window.getGenerationTokens(), 1e-6);
        assertEquals(NODES * TOKENS_PER_SECOND, window.getGenerationTokensPerSecond(), 1e-9);
      }
      // The first window is partly observed (each node from its first scrape on), and its rate says
      // so honestly.
      assertTrue(tenSeconds.get(0).getObservedRatio() < 1.0);
      assertEquals(
          NODES * TOKENS_PER_SECOND, tenSeconds.get(0).getGenerationTokensPerSecond(), 1e-9);

      harness.closeAllWindows();
      assertEquals(SignalState.RESOLVED, harness.signals().get(0).value.getState());
      assertFalse(harness.metrics().behind());
    }
  }

  @Test
  void theNodeScopeCanBeLimitedToOneWindowSizeOrTurnedOff() {
    try (TopologyHarness oneSize =
        new TopologyHarness(
            stateDir.resolve("one"), Scrapes.BASE, "1m", seconds(10), seconds(60))) {
      oneSize.pipe(scrape(0, ms(1)), scrape(0, ms(6)));
      oneSize.closeAllWindows();
      List<String> nodeKeys =
          oneSize.emitted().stream().map(kv -> kv.key).filter(k -> k.startsWith("node/")).toList();
      assertEquals(List.of("node/c1/" + Scrapes.MODEL + "/n0:8000/1m"), nodeKeys);
      assertEquals(1, oneSize.windows("fleet/10s").size());
    }
    try (TopologyHarness off =
        new TopologyHarness(stateDir.resolve("off"), Scrapes.BASE, "off", seconds(10))) {
      off.pipe(scrape(0, ms(1)), scrape(0, ms(6)));
      off.closeAllWindows();
      assertTrue(off.emitted().stream().noneMatch(kv -> kv.key.startsWith("node/")));
      assertEquals(1, off.windows("cluster/c1/10s").size());
    }
  }

  /**
   * Node {@code node}'s scrape {@code atMs} after BASE, its counter growing steadily since BASE.
   */
  private static io.fleetpulse.schemas.Scrape scrape(int node, long atMs) {
    return vllm("c1", "n" + node + ":8000", atMs)
        .generation(0, TOKENS_PER_SECOND * atMs / 1000.0)
        .build();
  }

  /** Each node's scrapes at its own offset into the interval, as the collector spreads them. */
  private static long spread(int node) {
    return 100 + node * (INTERVAL_MS - 200) / NODES;
  }
}
