package io.fleetpulse.streams.histogram;

import io.fleetpulse.streams.state.BucketCounts;
import java.util.List;

/**
 * PromQL's {@code histogram_quantile} over classic buckets, rule for rule, so that a FleetPulse
 * quantile can be checked against Prometheus and come out the same: linear interpolation inside the
 * bucket the rank falls in; a lower bound of 0 for the first bucket when its upper bound is
 * positive (else that upper bound is the answer); the highest finite bound when the rank falls in
 * the {@code +Inf} bucket; NaN without observations or without a finite bucket. Counts that go down
 * with a rising bound are first lifted to the running maximum (after treating relative differences
 * up to 1e-12 as float noise), as Prometheus does, since the rank search relies on monotonic
 * counts.
 */
public final class BucketQuantile {

  private static final double PRECISION_TOLERANCE = 1e-12;

  private BucketQuantile() {}

  public static double of(double q, BucketCounts buckets) {
    return of(q, buckets.getBounds(), buckets.getCumulativeCounts());
  }

  /**
   * @param bounds finite upper bounds, strictly ascending (so Prometheus' merging of equal bounds
   *     never applies)
   * @param cumulativeCounts one per bound, then the {@code +Inf} bucket
   */
  public static double of(double q, List<Double> bounds, List<Double> cumulativeCounts) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    int buckets = cumulativeCounts.size();
    if (buckets < 2) {
      return Double.NaN;
    }
    double[] counts = monotonic(cumulativeCounts);
    double observations = counts[buckets - 1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < buckets - 1 && counts[b] < rank) {
      b++;
    }
    if (b == buckets - 1) {
      return bounds.get(buckets - 2);
    }
    double end = bounds.get(b);
    if (b == 0 && end <= 0) {
      return end;
    }
    double start = 0;
    double inBucket = counts[b];
    if (b > 0) {
      start = bounds.get(b - 1);
      inBucket -= counts[b - 1];
      rank -= counts[b - 1];
    }
    return start + (end - start) * (rank / inBucket);
  }

  /**
   * PromQL's repair of bucket counts that do not rise with the bound ({@code
   * ensureMonotonicAndIgnoreSmallDeltas}): a difference small enough to be floating-point noise is
   * absorbed in either direction, and any other decrease carried over from the last accepted count.
   * Neither correction moves the last accepted count, so a count just above it after a dip is still
   * measured against it.
   */
  private static double[] monotonic(List<Double> cumulativeCounts) {
    double[] counts = cumulativeCounts.stream().mapToDouble(Double::doubleValue).toArray();
    double accepted = counts[0];
    for (int i = 1; i < counts.length; i++) {
      double current = counts[i];
      if (current == accepted) {
        continue;
      }
      if (almostEqual(accepted, current) || current < accepted) {
        counts[i] = accepted;
        continue;
      }
      accepted = current;
    }
    return counts;
  }

  /**
   * Prometheus' {@code almost.Equal}: relative to the sum of magnitudes, with a floor near zero.
   */
  private static boolean almostEqual(double a, double b) {
    double absSum = Math.abs(a) + Math.abs(b);
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
      return diff < PRECISION_TOLERANCE * Double.MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < PRECISION_TOLERANCE;
  }
}
