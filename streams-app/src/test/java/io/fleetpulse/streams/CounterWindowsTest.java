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

/** Token rates from counter deltas, as emitted in FleetWindows. */
class CounterWindowsTest {

  private static final double EPSILON = 1e-9;

  @TempDir Path stateDir;

  @Test
  void firstScrapeOfANodeContributesNothing() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(vllm("c1", "n1:8000", ms(2)).generation(0, 1000).prompt(0, 4000).build());
      harness.pipe(vllm("c1", "n2:8000", ms(3)).generation(0, 7000).prompt(0, 9000).build());
      harness.pipe(vllm("c1", "n1:8000", ms(7)).generation(0, 1050).prompt(0, 4100).build());
      harness.closeAllWindows();

      // Per observed second: n1 was observed over (2 s, 7 s], 5 s of the window, and counted 50 and
      // 100 tokens.
      FleetWindow fleet = harness.window("fleet/10s", 0);
      assertEquals(10.0, fleet.getGenerationTokensPerSecond(), EPSILON);
      assertEquals(20.0, fleet.getPromptTokensPerSecond(), EPSILON);
      assertEquals(50.0, fleet.getGenerationTokens(), EPSILON);
      assertEquals(5.0 / (10 * 2), fleet.getObservedRatio(), EPSILON);
      FleetWindow onlyFirstScrape = harness.window("node/c1/" + Scrapes.MODEL + "/n2:8000/10s", 0);
      assertNull(
          onlyFirstScrape.getGenerationTokensPerSecond(), "no interval covered this node's window");
      assertEquals(1, onlyFirstScrape.getNodesUp());
    }
  }

  @Test
  void aCounterThatWentDownWasResetSoItsWholeValueCounts() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(vllm("c1", "n1:8000", ms(1)).generation(0, 500).build());
      harness.pipe(vllm("c1", "n1:8000", ms(4)).generation(0, 600).build());
      harness.pipe(vllm("c1", "n1:8000", ms(7)).generation(0, 40).build());
      harness.pipe(vllm("c1", "n1:8000", ms(9)).generation(0, 70).build());
      harness.closeAllWindows();

      assertEquals(
          (100 + 40 + 30) / 8.0,
          harness.window("fleet/10s", 0).getGenerationTokensPerSecond(),
          EPSILON);
      assertEquals(100 + 40 + 30, harness.window("fleet/10s", 0).getGenerationTokens(), EPSILON);
    }
  }

  @Test
  void irregularIntervalsInsideOneWindowAllCount() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(vllm("c1", "n1:8000", ms(1.0)).generation(0, 0).build());
      harness.pipe(vllm("c1", "n1:8000", ms(1.7)).generation(0, 13).build());
      harness.pipe(vllm("c1", "n1:8000", ms(5.3)).generation(0, 90).build());
      harness.pipe(vllm("c1", "n1:8000", ms(9.9)).generation(0, 200).build());
      harness.closeAllWindows();

      assertEquals(
          200 / 8.9, harness.window("fleet/10s", 0).getGenerationTokensPerSecond(), EPSILON);
      assertEquals(200, harness.window("fleet/10s", 0).getGenerationTokens(), EPSILON);
    }
  }

  @Test
  void anIntervalSpanningTwoWindowsIsApportionedByOverlapForEveryWindowSize() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10), seconds(60))) {
      harness.pipe(vllm("c1", "n1:8000", ms(8)).generation(0, 0).prompt(0, 0).build());
      harness.pipe(vllm("c1", "n1:8000", ms(14)).generation(0, 60).prompt(0, 600).build());
      harness.closeAllWindows();

      // (8 s, 14 s]: 2 s of the 6 s fall in [0, 10), 4 s in [10, 20); each is a rate over the
      // seconds observed.
      assertEquals(20, harness.window("fleet/10s", 0).getGenerationTokens(), EPSILON);
      assertEquals(40, harness.window("fleet/10s", ms(10)).getGenerationTokens(), EPSILON);
      assertEquals(200, harness.window("fleet/10s", 0).getPromptTokens(), EPSILON);
      assertEquals(400, harness.window("fleet/10s", ms(10)).getPromptTokens(), EPSILON);
      assertEquals(
          20 / 2.0, harness.window("fleet/10s", 0).getGenerationTokensPerSecond(), EPSILON);
      assertEquals(
          40 / 4.0, harness.window("fleet/10s", ms(10)).getGenerationTokensPerSecond(), EPSILON);
      assertEquals(200 / 2.0, harness.window("fleet/10s", 0).getPromptTokensPerSecond(), EPSILON);
      assertEquals(
          400 / 4.0, harness.window("fleet/10s", ms(10)).getPromptTokensPerSecond(), EPSILON);
      FleetWindow minute = harness.window("fleet/1m", 0);
      assertEquals(60 / 6.0, minute.getGenerationTokensPerSecond(), EPSILON);
      assertEquals(600 / 6.0, minute.getPromptTokensPerSecond(), EPSILON);
      assertEquals(60, minute.getGenerationTokens(), EPSILON);
      assertEquals("1m", minute.getWindow());
      assertEquals(Scrapes.BASE.plusSeconds(60), minute.getWindowEndMs());
    }
  }

  @Test
  void dataParallelRanksOfOneNodeAreSummed() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(vllm("c1", "n1:8000", ms(1)).generation(0, 100).generation(1, 200).build());
      harness.pipe(vllm("c1", "n1:8000", ms(6)).generation(0, 150).generation(1, 260).build());
      harness.closeAllWindows();

      assertEquals(
          (50 + 60) / 5.0, harness.window("fleet/10s", 0).getGenerationTokensPerSecond(), EPSILON);
    }
  }

  @Test
  void countersAreMatchedBySampleNameWhateverTheFamilyIsCalled() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      // vllm() files samples under the OpenMetrics family name "vllm:generation_tokens", without
      // _total.
      harness.pipe(
          vllm("c1", "n1:8000", ms(1))
              .generation(0, 10)
              .unrelated("vllm:num_preemptions_total", 3)
              .build());
      harness.pipe(
          vllm("c1", "n1:8000", ms(6))
              .generation(0, 30)
              .unrelated("vllm:num_preemptions_total", 9)
              .build());
      harness.closeAllWindows();

      FleetWindow fleet = harness.window("fleet/10s", 0);
      assertEquals(20 / 5.0, fleet.getGenerationTokensPerSecond(), EPSILON);
      assertNull(
          fleet.getPromptTokensPerSecond(),
          "a counter the node does not expose is absent, not zero");
      assertNull(fleet.getKvCacheUsageMean());
    }
  }
}
