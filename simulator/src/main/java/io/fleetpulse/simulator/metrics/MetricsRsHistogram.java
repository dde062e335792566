package io.fleetpulse.simulator.metrics;

import io.fleetpulse.simulator.exposition.RustFloatFormat;
import java.util.Arrays;

/**
 * One histogram series as metrics-exporter-prometheus prints it: cumulative buckets with {@code le}
 * after the series' own labels, then {@code _sum}, then {@code _count}, numbers in Rust's {@code
 * Display}.
 */
final class MetricsRsHistogram {

  private final String[] bucketPrefixes;
  private final String sumPrefix;
  private final String countPrefix;
  private final double[] upperBounds;
  private final long[] bucketCounts;
  private long count;
  private double sum;

  /**
   * @param labels the series' labels rendered without braces, e.g. {@code method="prefill"}, or
   *     empty
   */
  MetricsRsHistogram(String name, String labels, double[] upperBounds) {
    this.upperBounds = upperBounds;
    this.bucketPrefixes = new String[upperBounds.length + 1];
    String leading = labels.isEmpty() ? "{" : "{" + labels + ",";
    for (int i = 0; i < upperBounds.length; i++) {
      bucketPrefixes[i] =
          name + "_bucket" + leading + "le=\"" + RustFloatFormat.format(upperBounds[i]) + "\"} ";
    }
    bucketPrefixes[upperBounds.length] = name + "_bucket" + leading + "le=\"+Inf\"} ";
    String own = labels.isEmpty() ? "" : "{" + labels + "}";
    this.sumPrefix = name + "_sum" + own + " ";
    this.countPrefix = name + "_count" + own + " ";
    this.bucketCounts = new long[upperBounds.length + 1];
  }

  void observe(double value) {
    int index = 0;
    while (index < upperBounds.length && value > upperBounds[index]) {
      index++;
    }
    bucketCounts[index]++;
    count++;
    sum += value;
  }

  boolean observed() {
    return count > 0;
  }

  void render(StringBuilder out) {
    long cumulative = 0;
    for (int i = 0; i < bucketCounts.length; i++) {
      cumulative += bucketCounts[i];
      out.append(bucketPrefixes[i]).append(cumulative).append('\n');
    }
    out.append(sumPrefix);
    RustFloatFormat.append(out, sum);
    out.append('\n').append(countPrefix).append(count).append('\n');
  }

  void reset() {
    Arrays.fill(bucketCounts, 0);
    count = 0;
    sum = 0;
  }
}
