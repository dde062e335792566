package io.fleetpulse.streams;

import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Scrape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conservation: over random, irregular scrape times with counter resets, the tokens in all emitted
 * windows add up to exactly what the counters increased by, for every window size.
 */
class ConservationTest {

  private static final int NODES = 3;
  private static final long RUN_MS = Duration.ofMinutes(8).toMillis();

  @TempDir Path stateDir;

  @Test
  void everyTokenCountedLandsInExactlyOneWindowOfEachSize() {
    Random random = new Random(20260101);
    List<Scrape> scrapes = new ArrayList<>();
    double expectedGeneration = 0;
    double expectedPrompt = 0;
    for (int node = 0; node < NODES; node++) {
      Counter generationRank0 = new Counter(random);
      Counter generationRank1 = new Counter(random);
      Counter prompt = new Counter(random);
      // Intervals stay below the grace period, so no piece is late and nothing may go missing.
      for (long at = random.nextInt(3000); at < RUN_MS; at += 200 + random.nextInt(9300)) {
        scrapes.add(
            Scrapes.vllm("c" + node % 2, "n" + node + ":8000", at)
                .generation(0, generationRank0.advance())
                .generation(1, generationRank1.advance())
                .prompt(0, prompt.advance())
                .build());
      }
      expectedGeneration += generationRank0.counted + generationRank1.counted;
      expectedPrompt += prompt.counted;
    }
    scrapes.sort(Comparator.comparing(Scrape::getTimestampMs));

    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10), seconds(60))) {
      scrapes.forEach(harness::pipe);
      harness.closeAllWindows();

      assertEquals(0, harness.lateSlicesDropped());
      for (String window : List.of("10s", "1m")) {
        List<FleetWindow> fleet = harness.windows("fleet/" + window);
        assertTrue(fleet.size() >= RUN_MS / Duration.ofMinutes(1).toMillis());
        assertEquals(expectedGeneration, total(fleet, true), expectedGeneration * 1e-9, window);
        assertEquals(expectedPrompt, total(fleet, false), expectedPrompt * 1e-9, window);
      }
    }
  }

  /**
   * The tokens counted over the windows: rates are per observed second, so the exact counts are
   * summed.
   */
  private static double total(List<FleetWindow> windows, boolean generation) {
    double total = 0;
    for (FleetWindow window : windows) {
      Double counted = generation ? window.getGenerationTokens() : window.getPromptTokens();
      if (counted != null) {
        total += counted;
      }
    }
    return total;
  }

  /**
   * A cumulative counter that grows by random amounts and now and then restarts from a small value.
   */
  private static final class Counter {
    private final Random random;
    private double value;
    private boolean seen;
    private double counted;

    Counter(Random random) {
      this.random = random;
      this.value = random.nextInt(100_000);
    }

    double advance() {
      double before = value;
      if (random.nextInt(12) == 0) {
        value = random.nextDouble() * 50;
      } else {
        value += random.nextDouble() * 900;
      }
      if (seen) {
        counted += value < before ? value : value - before;
      }
      seen = true;
      return value;
    }
  }
}
