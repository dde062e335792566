package io.fleetpulse.streams.histogram;

import io.fleetpulse.streams.state.BucketCounts;

import java.util.List;

/**
 * PromQL's {@code histogram_quantile} over classic buckets, rule for rule, so that a FleetPulse quantile can be
 * checked against Prometheus and come out the same: linear interpolation inside the bucket the rank falls in;
 * a lower bound of 0 for the first bucket when its upper bound is positive (else that upper bound is the
 * answer); the highest finite bound when the rank falls in the {@code +Inf} bucket; NaN without observations
 * or without a finite bucket. Counts that go down with a rising bound are first lifted to the running maximum
 * (after treating relative differences up to 1e-12 as float noise), as Prometheus does, since the rank search
 * relies on monotonic counts.
 */
public final class BucketQuantile {

  private static final double PRECISION_TOLERANCE = 1e-12;

  private BucketQuantile() {}

  public static double of(double q, BucketCounts buckets) {
    return of(q, buckets.getBounds(), buckets.getCumulativeCounts());
  }

  /**
   * @param bounds finite upper bounds, strictly ascending (so Prometheus' merging of equal bounds never applies)
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

  private static double[] monotonic(List<Double> cumulativeCounts) {
    double[] counts = cumulativeCounts.stream().mapToDouble(Double::doubleValue).toArray();
    double previous = counts[0];
    for (int i = 1; i < counts.length; i++) {
      double delta = Math.abs(counts[i] - previous);
      if (delta == 0) {
        continue;
      }
      if (delta / counts[i] <= PRECISION_TOLERANCE) {
        counts[i] = previous;
      } else {
        previous = counts[i];
      }
    }
    double max = counts[0];
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > max) {
        max = counts[i];
      } else {
        counts[i] = max;
      }
    }
    return counts;
  }
}
