package io.fleetpulse.streams;

import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.Scrapes.vllm;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Latency quantiles from histogram bucket increases, merged across nodes and windows as PromQL
 * would.
 */
class HistogramWindowsTest {

  private static final double EPSILON = 1e-9;
  private static final String TTFT = "vllm:time_to_first_token_seconds";
  private static final String E2E = "vllm:e2e_request_latency_seconds";
  private static final List<Double> BOUNDS = List.of(0.1, 0.5, 1.0);

  @TempDir Path stateDir;

  @Test
  void bucketIncreasesOfSeveralNodesAddUpBeforeTheQuantileIsTaken() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(
          vllm("c1", "a:8000", ms(1)).histogram(TTFT, 0, BOUNDS, counts(0, 0, 0, 0)).build());
      harness.pipe(
          vllm("c1", "b:8000", ms(1)).histogram(TTFT, 0, BOUNDS, counts(5, 5, 5, 5)).build());
      harness.pipe(
          vllm("c1", "a:8000", ms(6)).histogram(TTFT, 0, BOUNDS, counts(10, 30, 40, 40)).build());
      harness.pipe(
          vllm("c1", "b:8000", ms(6)).histogram(TTFT, 0, BOUNDS, counts(5, 5, 15, 15)).build());
      harness.closeAllWindows();

      // Node a alone: rank 20 of 40 in (0.1, 0.5], holding 20.
      assertEquals(
          0.3,
          quantiles(harness.window("node/c1/" + Scrapes.MODEL + "/a:8000/10s", 0)).get(0.5),
          EPSILON);
      // Fleet: [10, 30, 50, 50]; rank 25 in (0.1, 0.5] and rank 49.5 in (0.5, 1.0], holding 20
      // each.
      Map<Double, Double> fleet = quantiles(harness.window("fleet/10s", 0));
      assertEquals(0.1 + 0.4 * 15 / 20, fleet.get(0.5), EPSILON);
      assertEquals(0.5 + 0.5 * 19.5 / 20, fleet.get(0.99), EPSILON);
    }
  }

  @Test
  void dataParallelRanksOfOneNodeAreAddedBucketByBucket() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(
          vllm("c1", "a:8000", ms(1))
              .histogram(TTFT, 0, BOUNDS, counts(0, 0, 0, 0))
              .histogram(TTFT, 1, BOUNDS, counts(0, 0, 0, 0))
              .build());
      harness.pipe(
          vllm("c1", "a:8000", ms(6))
              .histogram(TTFT, 0, BOUNDS, counts(10, 10, 10, 10))
              .histogram(TTFT, 1, BOUNDS, counts(0, 0, 10, 10))
              .build());
      harness.closeAllWindows();

      // [10, 10, 20, 20]: rank 10 is the whole first bucket; rank 15 is halfway through (0.5, 1.0].
      Map<Double, Double> fleet = quantiles(harness.window("fleet/10s", 0));
      assertEquals(0.1, fleet.get(0.5), EPSILON);
      assertEquals(0.5 + 0.5 * 8 / 10, fleet.get(0.9), EPSILON);
    }
  }

  @Test
  void anIntervalSpanningTwoWindowsGivesEachItsShareOfEveryBucket() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10), seconds(60))) {
      harness.pipe(
          vllm("c1", "a:8000", ms(8)).histogram(TTFT, 0, BOUNDS, counts(0, 0, 0, 0)).build());
      harness.pipe(
          vllm("c1", "a:8000", ms(14)).histogram(TTFT, 0, BOUNDS, counts(3, 6, 9, 9)).build());
      harness.closeAllWindows();

      // A third of (8 s, 14 s] falls in [0, 10): [1, 2, 3, 3], and two thirds in [10, 20): [2, 4,
      // 6, 6]. Both
      // and the minute hold the same distribution, so the same quantiles: rank 1.5 of 3 in (0.1,
      // 0.5].
      for (FleetWindow window :
          List.of(
              harness.window("fleet/10s", 0),
              harness.window("fleet/10s", ms(10)),
              harness.window("fleet/1m", 0))) {
        assertEquals(0.1 + 0.4 * 0.5, quantiles(window).get(0.5), EPSILON);
        assertEquals(0.5 + 0.5 * 0.7, quantiles(window).get(0.9), EPSILON);
      }
    }
  }

  @Test
  void twoVllmVersionsWithDifferentBucketsMergeOnTheUnionOfTheirBounds() {
    List<Double> before = List.of(0.3, 0.5, 0.8);
    List<Double> after = List.of(0.1, 0.2, 0.3, 0.5, 0.8);
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(
          vllm("c1", "old:8000", ms(1)).histogram(E2E, 0, before, counts(0, 0, 0, 0)).build());
      harness.pipe(
          vllm("c1", "new:8000", ms(1)).histogram(E2E, 0, after, counts(0, 0, 0, 0, 0, 0)).build());
      harness.pipe(
          vllm("c1", "old:8000", ms(6)).histogram(E2E, 0, before, counts(2, 6, 10, 10)).build());
      harness.pipe(
          vllm("c1", "new:8000", ms(6))
              .histogram(E2E, 0, after, counts(1, 3, 5, 8, 10, 10))
              .build());
      harness.closeAllWindows();

      // The old layout counts 0 at 0.1 and 0.2 and its 2 observations at 0.3: [1, 3, 7, 14, 20,
      // 20]; rank 10
      // falls in (0.3, 0.5], holding 7.
      assertEquals(
          0.3 + 0.2 * 3 / 7,
          quantiles(harness.window("fleet/10s", 0), "e2e_request_latency").get(0.5),
          EPSILON);
    }
  }

  @Test
  void aResetCountsTheCurrentBucketsAndAChangedLayoutCountsNothing() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(
          vllm("c1", "a:8000", ms(1))
              .histogram(TTFT, 0, List.of(0.1, 1.0), counts(5, 10, 10))
              .build());
      harness.pipe(
          vllm("c1", "a:8000", ms(5))
              .histogram(TTFT, 0, List.of(0.1, 1.0), counts(1, 2, 2))
              .build());
      harness.pipe(
          vllm("c1", "a:8000", ms(12)).histogram(TTFT, 0, BOUNDS, counts(3, 4, 5, 5)).build());
      harness.pipe(
          vllm("c1", "a:8000", ms(16)).histogram(TTFT, 0, BOUNDS, counts(4, 6, 8, 8)).build());
      harness.closeAllWindows();

      // [0, 10): the restart's [1, 2, 2]; rank 1 fills the first bucket, rank 1.98 is 98% into
      // (0.1, 1.0].
      Map<Double, Double> first = quantiles(harness.window("fleet/10s", 0));
      assertEquals(0.1, first.get(0.5), EPSILON);
      assertEquals(0.1 + 0.9 * 0.98, first.get(0.99), EPSILON);
      // [10, 20): only (12 s, 16 s]'s [1, 2, 3, 3]; (5 s, 12 s] crossed a layout change and counts
      // nothing.
      assertEquals(
          0.1 + 0.4 * 0.5, quantiles(harness.window("fleet/10s", ms(10))).get(0.5), EPSILON);
    }
  }

  @Test
  void aWindowWhoseHistogramsObservedNothingHasNoQuantiles() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(
          vllm("c1", "a:8000", ms(1)).histogram(TTFT, 0, BOUNDS, counts(3, 4, 5, 5)).build());
      harness.pipe(
          vllm("c1", "a:8000", ms(6)).histogram(TTFT, 0, BOUNDS, counts(3, 4, 5, 5)).build());
      harness.closeAllWindows();

      assertTrue(harness.window("fleet/10s", 0).getLatency().isEmpty());
    }
  }

  private static Map<Double, Double> quantiles(FleetWindow window) {
    return quantiles(window, "time_to_first_token");
  }

  private static Map<Double, Double> quantiles(FleetWindow window, String family) {
    return window.getLatency().stream()
        .filter(q -> q.getFamily().equals(family) && q.getSource().equals("histogram"))
        .collect(Collectors.toMap(LatencyQuantile::getQuantile, LatencyQuantile::getValue));
  }

  private static List<Double> counts(double... cumulative) {
    return Arrays.stream(cumulative).boxed().toList();
  }
}
