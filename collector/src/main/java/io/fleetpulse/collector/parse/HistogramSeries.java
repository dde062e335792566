package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects the buckets, sum and count of one histogram series (one label set without {@code le})
 * and checks the buckets as they arrive: bounds strictly ascending, counts cumulative, {@code +Inf}
 * last.
 */
final class HistogramSeries {

  private final String family;
  private final Map<String, String> labels;
  private final List<Double> bounds = new ArrayList<>();
  private final List<Double> cumulativeCounts = new ArrayList<>();
  private String previousLe;
  private double previousBound;
  private double previousCount;
  private boolean hasInfBucket;
  private double sum = Double.NaN;
  private double count = Double.NaN;
  private int lastLine;

  HistogramSeries(String family, Map<String, String> labels) {
    this.family = family;
    this.labels = labels;
  }

  Map<String, String> labels() {
    return labels;
  }

  /** Adds one bucket; {@code le} is the label as written, {@code bound} its value. */
  void addBucket(String le, double bound, double cumulativeCount, int line) throws ExpositionParseException {
    lastLine = line;
    if (Double.isNaN(bound)) {
      throw bucketError(le, line, "le must be a number");
    }
    if (hasInfBucket) {
      throw bucketError(le, line, "comes after the +Inf bucket");
    }
    if (Double.isNaN(cumulativeCount) || cumulativeCount < 0) {
      throw bucketError(le, line, "has invalid count " + cumulativeCount);
    }
    if (previousLe != null && bound <= previousBound) {
      throw bucketError(le, line, "is not above the previous bucket le=\"" + previousLe + "\" (bounds must ascend)");
    }
    if (previousLe != null && cumulativeCount < previousCount) {
      throw bucketError(le, line, "has count " + cumulativeCount + ", below the " + previousCount
          + " of bucket le=\"" + previousLe + "\" (buckets must be cumulative)");
    }
    if (bound == Double.POSITIVE_INFINITY) {
      hasInfBucket = true;
    } else {
      bounds.add(bound);
    }
    cumulativeCounts.add(cumulativeCount);
    previousLe = le;
    previousBound = bound;
    previousCount = cumulativeCount;
  }

  void setSum(double value, int line) {
    lastLine = line;
    sum = value;
  }

  void setCount(double value, int line) {
    lastLine = line;
    count = value;
  }

  /** The finished histogram; a missing {@code _count} is taken from the +Inf bucket. */
  Histogram toHistogram() throws ExpositionParseException {
    if (!hasInfBucket) {
      throw new ExpositionParseException(lastLine, "histogram " + name() + " has no +Inf bucket");
    }
    double total = Double.isNaN(count) ? previousCount : count;
    return new Histogram(labels, bounds, cumulativeCounts, sum, total);
  }

  private ExpositionParseException bucketError(String le, int line, String problem) {
    return new ExpositionParseException(line, "bucket le=\"" + le + "\" of histogram " + name() + " " + problem);
  }

  private String name() {
    return family + Labels.format(labels);
  }
}
