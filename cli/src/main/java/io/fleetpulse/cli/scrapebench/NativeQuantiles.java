package io.fleetpulse.cli.scrapebench;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quantiles of a Prometheus native histogram, or of what it observed between two snapshots, as the
 * upper bound of the bucket the rank falls in: exponential buckets keep that within a few percent
 * of the true value at any scale, which classic buckets cannot.
 */
public final class NativeQuantiles {

  private final double base;
  private final double zeroThreshold;
  private final long zeroCount;

  /** Observations per bucket index, ascending. */
  private final TreeMap<Integer, Long> buckets;

  private final long count;

  private NativeQuantiles(
      int schema, double zeroThreshold, long zeroCount, TreeMap<Integer, Long> buckets) {
    this.base = Math.pow(2, Math.pow(2, -schema));
    this.zeroThreshold = zeroThreshold;
    this.zeroCount = zeroCount;
    this.buckets = buckets;
    this.count = zeroCount + buckets.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Everything the histogram's single (unlabelled) data point observed. */
  public static NativeQuantiles of(HistogramSnapshot snapshot) {
    return between(null, snapshot);
  }

  /**
   * What was observed after {@code before} (null: since the start) up to {@code after}. The
   * histogram may have lowered its resolution in between; both are then compared at the lower one.
   */
  public static NativeQuantiles between(HistogramSnapshot before, HistogramSnapshot after) {
    HistogramSnapshot.HistogramDataPointSnapshot end = only(after);
    HistogramSnapshot.HistogramDataPointSnapshot start = before == null ? null : only(before);
    if (end == null) {
      return new NativeQuantiles(0, 0, 0, new TreeMap<>());
    }
    int schema =
        start == null
            ? end.getNativeSchema()
            : Math.min(start.getNativeSchema(), end.getNativeSchema());
    TreeMap<Integer, Long> buckets = buckets(end, schema);
    long zeroCount = end.getNativeZeroCount();
    if (start != null) {
      buckets(start, schema)
          .forEach((index, observed) -> buckets.merge(index, -observed, Long::sum));
      zeroCount -= start.getNativeZeroCount();
    }
    return new NativeQuantiles(schema, end.getNativeZeroThreshold(), zeroCount, buckets);
  }

  public long count() {
    return count;
  }

  /**
   * The value at or below which {@code q} (0..1) of the observations lie, to the bucket's
   * resolution.
   */
  public double quantile(double q) {
    long rank = Math.max(1, (long) Math.ceil(q * count));
    long seen = zeroCount;
    if (seen >= rank) {
      return zeroThreshold;
    }
    for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
      seen += bucket.getValue();
      if (seen >= rank) {
        return upperBound(bucket.getKey());
      }
    }
    return max();
  }

  /** The upper bound of the highest bucket with an observation. */
  public double max() {
    for (Map.Entry<Integer, Long> bucket : buckets.descendingMap().entrySet()) {
      if (bucket.getValue() > 0) {
        return upperBound(bucket.getKey());
      }
    }
    return zeroThreshold;
  }

  private double upperBound(int index) {
    return Math.pow(base, index);
  }

  private static HistogramSnapshot.HistogramDataPointSnapshot only(HistogramSnapshot snapshot) {
    if (snapshot.getDataPoints().isEmpty()
        || !snapshot.getDataPoints().get(0).hasNativeHistogramData()) {
      return null;
    }
    return snapshot.getDataPoints().get(0);
  }

  /**
   * The positive buckets at {@code schema}, at most the data's own: bucket i covers (base^(i-1),
   * base^i], so each step down in schema merges buckets 2j-1 and 2j into j.
   */
  private static TreeMap<Integer, Long> buckets(
      HistogramSnapshot.HistogramDataPointSnapshot data, int schema) {
    int shift = data.getNativeSchema() - schema;
    TreeMap<Integer, Long> merged = new TreeMap<>();
    NativeHistogramBuckets buckets = data.getNativeBucketsForPositiveValues();
    for (int i = 0; i < buckets.size(); i++) {
      int index = Math.floorDiv(buckets.getBucketIndex(i) - 1, 1 << shift) + 1;
      merged.merge(index, buckets.getCount(i), Long::sum);
    }
    return merged;
  }
}
