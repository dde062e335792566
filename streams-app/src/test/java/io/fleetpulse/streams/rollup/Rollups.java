package io.fleetpulse.streams.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.streams.state.BucketCounts;
import io.fleetpulse.streams.state.ScopeAggregate;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading and checking rollup windows in the tests. */
final class Rollups {

  static final String TTFT_ID = "time_to_first_token";
  private static final AvroSerde<ScopeAggregate> AGGREGATES = new AvroSerde<>(ScopeAggregate.class);

  private Rollups() {}

  static ScopeAggregate aggregate(RollupWindow window) {
    ByteBuffer encoded = window.getAggregate().duplicate();
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    return AGGREGATES.decode(bytes);
  }

  /** The windows of {@code lower} that start within {@code upper}. */
  static List<RollupWindow> within(RollupWindow upper, List<RollupWindow> lower) {
    Instant start = upper.getWindow().getWindowStartMs();
    Instant end = upper.getWindow().getWindowEndMs();
    return lower.stream()
        .filter(w -> !w.getWindow().getWindowStartMs().isBefore(start))
        .filter(w -> w.getWindow().getWindowStartMs().isBefore(end))
        .toList();
  }

  /**
   * Asserts that {@code upper} holds exactly what its lower windows hold: counters and bucket
   * increases to the bit (added in the order they closed, as the tier adds them), node-seconds
   * added, node counts the most at once.
   */
  static void assertMergeOf(RollupWindow upper, List<RollupWindow> lower) {
    ScopeAggregate merged = aggregate(upper);
    Map<String, Double> counters = new HashMap<>();
    Map<String, List<Double>> buckets = new HashMap<>();
    double up = 0;
    double down = 0;
    int mostUp = 0;
    for (RollupWindow window : lower) {
      ScopeAggregate part = aggregate(window);
      part.getCounters().forEach((key, value) -> counters.merge(key, value, Double::sum));
      part.getHistograms()
          .forEach(
              (id, layouts) -> {
                assertEquals(1, layouts.size(), "one bucket layout");
                buckets.merge(id, layouts.get(0).getCumulativeCounts(), Rollups::addBucketByBucket);
              });
      up += window.getNodeSecondsUp();
      down += window.getNodeSecondsDown();
      mostUp = Math.max(mostUp, window.getWindow().getNodesUp());
    }
    assertEquals(counters, merged.getCounters());
    Map<String, List<Double>> mergedBuckets = new HashMap<>();
    merged.getHistograms().forEach((id, layouts) -> mergedBuckets.put(id, cumulative(layouts)));
    assertEquals(buckets, mergedBuckets);
    assertEquals(lower.size(), upper.getTierWindows());
    assertEquals(up, upper.getNodeSecondsUp());
    assertEquals(down, upper.getNodeSecondsDown());
    assertEquals(mostUp, upper.getWindow().getNodesUp());
  }

  /**
   * Asserts each event quantile of {@code window} is within 1% of the exact one of {@code ttfts}.
   */
  static void assertEventQuantilesWithinOnePercent(RollupWindow window, List<Double> ttfts) {
    List<Double> sorted = new ArrayList<>(ttfts);
    sorted.sort(Double::compare);
    List<LatencyQuantile> quantiles =
        window.getWindow().getLatency().stream()
            .filter(q -> q.getFamily().equals(TTFT_ID) && q.getSource().equals("events"))
            .toList();
    assertEquals(4, quantiles.size(), "p50, p90, p95, p99 of the events");
    for (LatencyQuantile quantile : quantiles) {
      double rank = quantile.getQuantile() * (sorted.size() - 1);
      double low = sorted.get((int) Math.floor(rank));
      double high = sorted.get((int) Math.ceil(rank));
      assertTrue(
          quantile.getValue() >= low * 0.99 && quantile.getValue() <= high * 1.01,
          "p" + quantile.getQuantile() + " " + quantile.getValue() + " vs " + low + ".." + high);
    }
  }

  private static List<Double> cumulative(List<BucketCounts> layouts) {
    assertEquals(1, layouts.size(), "one bucket layout");
    return layouts.get(0).getCumulativeCounts();
  }

  private static List<Double> addBucketByBucket(List<Double> sum, List<Double> adding) {
    List<Double> added = new ArrayList<>(sum.size());
    for (int i = 0; i < sum.size(); i++) {
      added.add(sum.get(i) + adding.get(i));
    }
    return added;
  }
}
