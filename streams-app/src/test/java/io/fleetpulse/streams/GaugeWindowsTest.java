package io.fleetpulse.streams;

import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.Scrapes.vllm;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fleetpulse.schemas.FleetWindow;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gauge statistics across nodes and the up/down count, as emitted in FleetWindows. */
class GaugeWindowsTest {

  private static final double EPSILON = 1e-9;

  @TempDir Path stateDir;

  @Test
  void eachNodesLastValueInTheWindowIsAggregatedAcrossNodes() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(vllm("c1", "a:8000", ms(1)).running(0, 5).waiting(0, 9).kvUsage(0, 0.2).build());
      harness.pipe(vllm("c1", "b:8000", ms(3)).running(0, 7).waiting(0, 0).kvUsage(0, 0.9).build());
      harness.pipe(vllm("c1", "c:8000", ms(4)).running(0, 1).waiting(0, 4).kvUsage(0, 0.5).build());
      harness.pipe(vllm("c1", "a:8000", ms(6)).running(0, 2).waiting(0, 3).kvUsage(0, 0.4).build());
      harness.closeAllWindows();

      FleetWindow fleet = harness.window("fleet/10s", 0);
      assertEquals(2 + 7 + 1, fleet.getRequestsRunningSum(), EPSILON);
      assertEquals(7, fleet.getRequestsRunningMax(), EPSILON);
      assertEquals(3 + 0 + 4, fleet.getRequestsWaitingSum(), EPSILON);
      assertEquals(4, fleet.getRequestsWaitingMax(), EPSILON);
      assertEquals((0.4 + 0.9 + 0.5) / 3, fleet.getKvCacheUsageMean(), EPSILON);
      assertEquals(0.9, fleet.getKvCacheUsageMax(), EPSILON);
      // PromQL quantile(0.9) of {0.4, 0.5, 0.9}: rank 0.9 * 2 = 1.8, so 0.5 + 0.8 * (0.9 - 0.5),
      // each ranked value
      // read from a sketch of 1% relative accuracy (no aggregate keeps a value per node).
      assertEquals(0.82, fleet.getKvCacheUsageP90(), 0.82 * 0.01);
      assertEquals(3, fleet.getNodesUp());
      assertEquals(0, fleet.getNodesDown());
    }
  }

  @Test
  void dataParallelRanksAreSummedForQueuesAndTheFullestKvCacheCounts() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(
          vllm("c1", "a:8000", ms(1))
              .running(0, 3)
              .running(1, 4)
              .waiting(0, 1)
              .waiting(1, 2)
              .kvUsage(0, 0.3)
              .kvUsage(1, 0.7)
              .build());
      harness.closeAllWindows();

      FleetWindow node = harness.window("node/c1/" + Scrapes.MODEL + "/a:8000/10s", 0);
      assertEquals(7, node.getRequestsRunningSum(), EPSILON);
      assertEquals(3, node.getRequestsWaitingSum(), EPSILON);
      assertEquals(0.7, node.getKvCacheUsageMax(), EPSILON);
    }
  }

  @Test
  void theDeprecatedKvGaugeIsReadWhenTheNewOneIsAbsentAndIgnoredWhenBothArePresent() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(vllm("c1", "old:8000", ms(1)).gpuCacheUsage(0, 0.25).build());
      harness.pipe(vllm("c1", "both:8000", ms(2)).kvUsage(0, 0.6).gpuCacheUsage(0, 0.99).build());
      harness.closeAllWindows();

      assertEquals(
          0.25,
          harness.window("node/c1/" + Scrapes.MODEL + "/old:8000/10s", 0).getKvCacheUsageMax(),
          EPSILON);
      assertEquals(
          0.6,
          harness.window("node/c1/" + Scrapes.MODEL + "/both:8000/10s", 0).getKvCacheUsageMax(),
          EPSILON);
      assertEquals(0.6, harness.window("fleet/10s", 0).getKvCacheUsageMax(), EPSILON);
    }
  }

  @Test
  void aDownScrapeCountsTheNodeDownAndTheNextGoodIntervalSpansTheOutage() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10), seconds(60))) {
      harness.pipe(Scrapes.node("c1", "a:8000", ms(1), 100, 0, 4, 0, 0.5));
      harness.pipe(Scrapes.down("c1", "a:8000", ms(6)));
      harness.pipe(Scrapes.down("c1", "a:8000", ms(11)));
      harness.pipe(Scrapes.node("c1", "a:8000", ms(16), 400, 0, 6, 0, 0.7));
      harness.closeAllWindows();

      FleetWindow first = harness.window("fleet/10s", 0);
      assertEquals(0, first.getNodesUp());
      assertEquals(1, first.getNodesDown());
      assertNull(
          first.getRequestsRunningSum(), "the node's last word in the window was that it is down");
      // (1 s, 16 s] carries 300 tokens: 9 s of it in [0, 10), 6 s in [10, 20), rates over those
      // seconds.
      assertEquals(180, first.getGenerationTokens(), EPSILON);
      assertEquals(180 / 9.0, first.getGenerationTokensPerSecond(), EPSILON);
      FleetWindow second = harness.window("fleet/10s", ms(10));
      assertEquals(120, second.getGenerationTokens(), EPSILON);
      assertEquals(120 / 6.0, second.getGenerationTokensPerSecond(), EPSILON);
      assertEquals(1, second.getNodesUp());
      assertEquals(0, second.getNodesDown());
      assertEquals(6, second.getRequestsRunningSum(), EPSILON);
      FleetWindow minute = harness.window("fleet/1m", 0);
      assertEquals(300 / 15.0, minute.getGenerationTokensPerSecond(), EPSILON);
      assertEquals(1, minute.getNodesUp());
    }
  }

  @Test
  void aNodeThatWasNeverUpIsCountedDown() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(Scrapes.node("c1", "a:8000", ms(1), 100, 0, 4, 0, 0.5));
      harness.pipe(Scrapes.down("c1", "b:8000", ms(2)));
      harness.closeAllWindows();

      FleetWindow fleet = harness.window("fleet/10s", 0);
      assertEquals(1, fleet.getNodesUp());
      assertEquals(1, fleet.getNodesDown());
      assertEquals(1, harness.window("node/c1/unknown/b:8000/10s", 0).getNodesDown());
    }
  }
}
