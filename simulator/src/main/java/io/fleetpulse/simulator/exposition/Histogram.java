package io.fleetpulse.simulator.exposition;

import java.util.Arrays;

/** One histogram series: per-bucket counts (rendered cumulatively), count and sum. */
public final class Histogram implements Series {

  private final double[] upperBounds;
  private final String[] bucketPrefixes;
  private final String countPrefix;
  private final String sumPrefix;
  private final String createdPrefix;
  private final long[] bucketCounts;
  private long count;
  private double sum;
  private String createdText;

  Histogram(String name, LabelSet labels, double[] upperBounds, double createdEpochSeconds) {
    this.upperBounds = upperBounds;
    this.bucketPrefixes = new String[upperBounds.length + 1];
    for (int i = 0; i < upperBounds.length; i++) {
      bucketPrefixes[i] =
          name
              + "_bucket"
              + labels.with("le", PythonFloatFormat.format(upperBounds[i])).render()
              + " ";
    }
    bucketPrefixes[upperBounds.length] =
        name + "_bucket" + labels.with("le", "+Inf").render() + " ";
    String rendered = labels.render();
    this.countPrefix = name + "_count" + rendered + " ";
    this.sumPrefix = name + "_sum" + rendered + " ";
    this.createdPrefix = name + "_created" + rendered + " ";
    this.bucketCounts = new long[upperBounds.length + 1];
    this.createdText = PythonFloatFormat.format(createdEpochSeconds);
  }

  public void observe(double value) {
    observe(value, 1);
  }

  /**
   * Records {@code times} observations of the same value at once, e.g. one step's latency for every
   * token of the batch.
   */
  public void observe(double value, long times) {
    observe(value, times, value * times);
  }

  /**
   * Records {@code times} observations of {@code value} in the buckets and count, but adds {@code
   * sumIncrement} to the sum: SGLang's inter-token histogram counts every new token yet sums the
   * interval once.
   */
  public void observe(double value, long times, double sumIncrement) {
    if (Double.isNaN(value) || times < 0 || Double.isNaN(sumIncrement)) {
      throw new IllegalArgumentException(
          "histogram " + countPrefix.trim() + " cannot observe " + value + " x " + times);
    }
    bucketCounts[bucketIndex(value)] += times;
    count += times;
    sum += sumIncrement;
  }

  private int bucketIndex(double value) {
    for (int i = 0; i < upperBounds.length; i++) {
      if (value <= upperBounds[i]) {
        return i;
      }
    }
    return upperBounds.length;
  }

  public long count() {
    return count;
  }

  public double sum() {
    return sum;
  }

  @Override
  public void restart(double createdEpochSeconds) {
    Arrays.fill(bucketCounts, 0);
    count = 0;
    sum = 0;
    createdText = PythonFloatFormat.format(createdEpochSeconds);
  }

  @Override
  public void renderSamples(StringBuilder out) {
    long cumulative = 0;
    for (int i = 0; i < bucketCounts.length; i++) {
      cumulative += bucketCounts[i];
      out.append(bucketPrefixes[i]);
      PythonFloatFormat.append(out, cumulative);
      out.append('\n');
    }
    out.append(countPrefix);
    PythonFloatFormat.append(out, count);
    out.append('\n').append(sumPrefix);
    PythonFloatFormat.append(out, sum);
    out.append('\n');
  }

  @Override
  public void renderCreated(StringBuilder out) {
    out.append(createdPrefix).append(createdText).append('\n');
  }
}
