package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricType;
import java.util.Map;

/**
 * Collects the buckets, sum and count of one histogram series (one label set without {@code le})
 * and checks the buckets as they arrive: bounds strictly ascending, counts cumulative, {@code +Inf}
 * last, and no count negative. OpenMetrics refuses a series that breaks any of these, and adds its
 * own rules: a {@code +Inf} bucket, integer counts, a sum only together with a count that equals
 * the {@code +Inf} bucket, no negative sum of a histogram, and no sum at all beside negative
 * bounds. Prometheus' text parser refuses only negative counts; the other breaches it stores, but
 * they make no usable record, so the series is refused as {@link ExpositionParseException#unusable
 * unusable}. A text series without a {@code +Inf} bucket takes its {@code _count} as that bucket,
 * which is what the count is.
 *
 * <p>In OpenMetrics a series may hold several points, each its samples at one later timestamp (all
 * with one or all without); each point is checked, and the last one is kept.
 */
final class HistogramSeries {

  private final String family;
  private final MetricType type;
  private final Map<String, String> labels;
  private final boolean openMetrics;
  private final DoubleList bounds;
  private final DoubleList cumulativeCounts;
  private String previousLe;
  private double previousBound;
  private double previousCount;
  private boolean hasInfBucket;
  private boolean hasSum;
  private boolean hasCount;
  private double sum = Double.NaN;
  private double count = Double.NaN;
  private int lastLine;
  private boolean started;

  /** OpenMetrics: the timestamp in seconds of the point being read, NaN for none. */
  private double pointTimestamp;

  /** {@code expectedBuckets} sizes the lists (0 when unknown). */
  HistogramSeries(
      String family,
      MetricType type,
      Map<String, String> labels,
      boolean openMetrics,
      int expectedBuckets) {
    this.family = family;
    this.type = type;
    this.labels = labels;
    this.openMetrics = openMetrics;
    this.bounds = new DoubleList(expectedBuckets);
    this.cumulativeCounts = new DoubleList(expectedBuckets + 1);
  }

  Map<String, String> labels() {
    return labels;
  }

  /** The buckets so far, +Inf included. */
  int bucketCount() {
    return cumulativeCounts.size();
  }

  /**
   * OpenMetrics: the next sample of this series is at {@code timestamp} (seconds, NaN for none).
   */
  void at(double timestamp, int line) throws ExpositionParseException {
    if (!started) {
      started = true;
      pointTimestamp = timestamp;
      return;
    }
    boolean timestamped = !Double.isNaN(timestamp);
    if (timestamped == Double.isNaN(pointTimestamp)) {
      throw new ExpositionParseException(
          line,
          "a sample of "
              + kind()
              + " "
              + name()
              + (timestamped ? " has" : " has no")
              + " timestamp, unlike the samples before it in its series (all or none have one)");
    }
    if (!timestamped || timestamp == pointTimestamp) {
      return;
    }
    if (timestamp < pointTimestamp) {
      throw new ExpositionParseException(
          line,
          "a sample of " + kind() + " " + name() + " goes back in time from the sample before it");
    }
    checkPoint();
    startPoint(timestamp);
  }

  private void startPoint(double timestamp) {
    pointTimestamp = timestamp;
    bounds.reset();
    cumulativeCounts.reset();
    previousLe = null;
    previousCount = 0;
    hasInfBucket = false;
    hasSum = false;
    hasCount = false;
    sum = Double.NaN;
    count = Double.NaN;
  }

  /** Adds one bucket; {@code le} is the label as written, {@code bound} its value. */
  void addBucket(String le, double bound, double cumulativeCount, int line)
      throws ExpositionParseException {
    lastLine = line;
    if (Double.isNaN(bound)) {
      throw bucketError(le, line, "has no numeric bound", false);
    }
    if (cumulativeCount < 0) {
      throw bucketError(le, line, "has negative count " + cumulativeCount, false);
    }
    if (hasInfBucket) {
      throw bucketError(le, line, "comes after the +Inf bucket", true);
    }
    if (Double.isNaN(cumulativeCount) || cumulativeCount == Double.POSITIVE_INFINITY) {
      throw bucketError(le, line, "has invalid count " + cumulativeCount, true);
    }
    if (openMetrics && cumulativeCount != Math.rint(cumulativeCount)) {
      throw bucketError(le, line, "has count " + cumulativeCount + ", not an integer", false);
    }
    if (previousLe != null && bound <= previousBound) {
      throw bucketError(
          le,
          line,
          "is not above the previous bucket le=\"" + previousLe + "\" (bounds must ascend)",
          true);
    }
    if (previousLe != null && cumulativeCount < previousCount) {
      throw bucketError(
          le,
          line,
          "has count "
              + cumulativeCount
              + ", below the "
              + previousCount
              + " of bucket le=\""
              + previousLe
              + "\" (buckets must be cumulative)",
          true);
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

  void setSum(String sampleName, double value, int line) throws ExpositionParseException {
    lastLine = line;
    if (openMetrics) {
      checkSecond(hasSum, sampleName, line);
      boolean negativeAllowed = type == MetricType.GAUGE_HISTOGRAM;
      if (Double.isNaN(value) || (value < 0 && !negativeAllowed)) {
        throw new ExpositionParseException(
            line,
            sampleName
                + " of "
                + name()
                + " is "
                + value
                + (negativeAllowed
                    ? "; it must be a number"
                    : "; it must be a number and not negative"));
      }
    }
    hasSum = true;
    sum = value;
  }

  void setCount(String sampleName, double value, int line) throws ExpositionParseException {
    lastLine = line;
    if (openMetrics) {
      checkSecond(hasCount, sampleName, line);
      if (Double.isNaN(value) || value < 0 || value != Math.rint(value)) {
        throw new ExpositionParseException(
            line,
            sampleName + " of " + name() + " is " + value + "; it must be a non-negative integer");
      }
    } else if (value < 0) {
      throw new ExpositionParseException(
          line, sampleName + " of " + name() + " is " + value + "; a count must not be negative");
    } else if (Double.isNaN(value) || value == Double.POSITIVE_INFINITY) {
      throw ExpositionParseException.unusable(
          line, sampleName + " of " + name() + " is " + value + "; a count must be a number");
    }
    hasCount = true;
    count = value;
  }

  /** The finished histogram; a missing {@code _count} is taken from the +Inf bucket. */
  Histogram toHistogram() throws ExpositionParseException {
    checkPoint();
    double total = hasCount ? count : previousCount;
    return new Histogram(labels, bounds, cumulativeCounts, sum, total);
  }

  private void checkPoint() throws ExpositionParseException {
    if (!hasInfBucket) {
      addInfBucketFromCount();
    }
    if (openMetrics) {
      checkTotals();
    }
  }

  private void addInfBucketFromCount() throws ExpositionParseException {
    String missing = kind() + " " + name() + " has no +Inf bucket";
    if (openMetrics) {
      throw new ExpositionParseException(lastLine, missing);
    }
    if (!hasCount) {
      throw ExpositionParseException.unusable(lastLine, missing + " and no _count to take it from");
    }
    if (count < previousCount) {
      throw ExpositionParseException.unusable(
          lastLine,
          missing
              + ", and its _count "
              + count
              + " is below the "
              + previousCount
              + " of bucket le=\""
              + previousLe
              + "\"");
    }
    hasInfBucket = true;
    cumulativeCounts.add(count);
    previousCount = count;
  }

  private void checkTotals() throws ExpositionParseException {
    String suffix = type == MetricType.GAUGE_HISTOGRAM ? "_g" : "_";
    if (hasSum != hasCount) {
      throw new ExpositionParseException(
          lastLine,
          kind()
              + " "
              + name()
              + " has a "
              + suffix
              + (hasSum ? "sum but no " + suffix + "count" : "count but no " + suffix + "sum")
              + " (OpenMetrics has both or neither)");
    }
    if (hasCount && count != previousCount) {
      throw new ExpositionParseException(
          lastLine,
          kind()
              + " "
              + name()
              + " has "
              + suffix
              + "count "
              + count
              + " but its +Inf bucket counts "
              + previousCount
              + " (they must be equal)");
    }
    boolean negativeBounds = !bounds.isEmpty() && bounds.get(0) < 0;
    if (hasSum && type == MetricType.HISTOGRAM && negativeBounds) {
      throw new ExpositionParseException(
          lastLine,
          kind()
              + " "
              + name()
              + " has negative bucket bounds and a _sum (a histogram with negative bounds has no sum)");
    }
    if (hasSum && type == MetricType.GAUGE_HISTOGRAM && sum < 0 && !negativeBounds) {
      throw new ExpositionParseException(
          lastLine,
          kind()
              + " "
              + name()
              + " has _gsum "
              + sum
              + " but no negative bucket bound (only negative observations make a negative sum)");
    }
  }

  private void checkSecond(boolean seen, String sampleName, int line)
      throws ExpositionParseException {
    if (seen) {
      throw new ExpositionParseException(line, "second " + sampleName + " sample for " + name());
    }
  }

  /** {@code textAccepts}: Prometheus' text parser stores such a bucket, OpenMetrics refuses it. */
  private ExpositionParseException bucketError(
      String le, int line, String problem, boolean textAccepts) {
    String reason = "bucket le=\"" + le + "\" of " + kind() + " " + name() + " " + problem;
    return textAccepts && !openMetrics
        ? ExpositionParseException.unusable(line, reason)
        : new ExpositionParseException(line, reason);
  }

  private String kind() {
    return type == MetricType.GAUGE_HISTOGRAM ? "gauge histogram" : "histogram";
  }

  private String name() {
    return family + Labels.format(labels);
  }
}
