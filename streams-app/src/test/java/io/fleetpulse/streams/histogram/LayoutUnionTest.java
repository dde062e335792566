package io.fleetpulse.streams.histogram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.streams.state.BucketCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayoutUnionTest {

  private static final double EPSILON = 1e-12;

  @Test
  void aLayoutLackingABoundCountsThereWhatItCountedAtItsNextLowerBound() {
    BucketCounts coarse = buckets(List.of(0.3, 0.5, 1.0), List.of(2.0, 6.0, 10.0, 10.0));
    BucketCounts fine =
        buckets(List.of(0.1, 0.2, 0.3, 0.5, 1.0), List.of(1.0, 3.0, 5.0, 8.0, 10.0, 10.0));

    BucketCounts merged = LayoutUnion.merge(List.of(coarse, fine));

    assertEquals(List.of(0.1, 0.2, 0.3, 0.5, 1.0), merged.getBounds());
    // The coarse layout's 2 observations up to 0.3 are counted at 0.3, never at 0.1 or 0.2.
    assertEquals(List.of(1.0, 3.0, 7.0, 14.0, 20.0, 20.0), merged.getCumulativeCounts());
    // PromQL on the merge: rank 10 in (0.3, 0.5] holding 7, so 0.3 + 0.2 * 3 / 7; rank 2 in (0.1,
    // 0.2].
    assertEquals(0.3 + 0.2 * 3 / 7, BucketQuantile.of(0.5, merged), EPSILON);
    assertEquals(0.15, BucketQuantile.of(0.1, merged), EPSILON);
  }

  @Test
  void observationsAboveALayoutsHighestBoundStayInTheInfBucket() {
    BucketCounts upTo60 = buckets(List.of(30.0, 60.0), List.of(4.0, 6.0, 9.0));
    BucketCounts upTo120 = buckets(List.of(60.0, 120.0), List.of(1.0, 2.0, 2.0));

    BucketCounts merged = LayoutUnion.merge(List.of(upTo60, upTo120));

    assertEquals(List.of(30.0, 60.0, 120.0), merged.getBounds());
    assertEquals(List.of(4.0, 7.0, 8.0, 11.0), merged.getCumulativeCounts());
  }

  @Test
  void aSingleLayoutIsItself() {
    BucketCounts only = buckets(List.of(1.0), List.of(1.0, 2.0));

    assertSame(only, LayoutUnion.merge(List.of(only)));
  }

  /**
   * For random observations counted in several layouts, the merge never counts more observations up
   * to a bound than there really are (so it never places one below its real bucket), counts exactly
   * at bounds every layout has, and keeps the total.
   */
  @Test
  void theMergeNeverCountsAnObservationBelowItsRealBucketAndIsExactAtSharedBounds() {
    Random random = new Random(42);
    List<List<Double>> layouts =
        List.of(
            List.of(0.3, 0.5, 0.8, 1.0, 2.5, 5.0, 10.0, 60.0),
            List.of(0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 2.5, 5.0, 10.0, 60.0, 120.0),
            List.of(0.25, 1.0, 4.0, 16.0));
    List<Double> everything = new ArrayList<>();
    List<BucketCounts> counted = new ArrayList<>();
    for (List<Double> bounds : layouts) {
      List<Double> observations = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        observations.add(Math.exp(random.nextGaussian() * 1.5));
      }
      everything.addAll(observations);
      counted.add(count(bounds, observations));
    }

    BucketCounts merged = LayoutUnion.merge(counted);

    for (int u = 0; u < merged.getBounds().size(); u++) {
      double bound = merged.getBounds().get(u);
      long truth = everything.stream().filter(value -> value <= bound).count();
      double claimed = merged.getCumulativeCounts().get(u);
      assertTrue(claimed <= truth, "at " + bound + ": " + claimed + " > " + truth);
      if (layouts.stream().allMatch(bounds -> bounds.contains(bound))) {
        assertEquals(truth, claimed, EPSILON, "at shared bound " + bound);
      }
    }
    assertEquals(everything.size(), HistogramLayouts.total(merged), EPSILON);
  }

  private static BucketCounts count(List<Double> bounds, List<Double> observations) {
    List<Double> cumulative = new ArrayList<>();
    for (double bound : bounds) {
      cumulative.add((double) observations.stream().filter(value -> value <= bound).count());
    }
    cumulative.add((double) observations.size());
    return buckets(bounds, cumulative);
  }

  private static BucketCounts buckets(List<Double> bounds, List<Double> cumulativeCounts) {
    return new BucketCounts(new ArrayList<>(bounds), new ArrayList<>(cumulativeCounts));
  }
}
