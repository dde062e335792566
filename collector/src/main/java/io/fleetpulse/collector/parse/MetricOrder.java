package io.fleetpulse.collector.parse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * OpenMetrics' ordering rules for the samples of one family, as its reference parser applies them:
 * the lines of each metric (label set) are contiguous, its samples either all have a timestamp or
 * none has, and timestamps never go back. A point repeated at the same time (or again without one)
 * is no error: it is left out, as Prometheus keeps the first sample it gets for a series and time.
 * Timestamps are compared as written, so {@code 0.0000000001} comes after {@code 0}, though both
 * are 0 in milliseconds.
 */
final class MetricOrder {

  /**
   * One boxed NaN for every sample without a timestamp, the common case, so that none allocates.
   */
  private static final Double NO_TIMESTAMP = Double.NaN;

  private final String family;
  private final boolean timeOrdered;
  private final Set<Map<String, String>> finished = new HashSet<>();
  private Map<String, String> metric;

  /** The timestamp (NaN for none) each sample of the current metric was last seen with. */
  private final Map<String, Double> seen = new HashMap<>();

  /** The metric that other families' lines ended, if any. */
  private Map<String, String> interrupted;

  private double latest = Double.NaN;
  private boolean timestamped;

  /** {@code timeOrdered} false: an info family, whose samples may come in any time order. */
  MetricOrder(String family, boolean timeOrdered) {
    this.family = family;
    this.timeOrdered = timeOrdered;
  }

  /** Other families' lines came after this family's: the metric before them is finished. */
  void interrupt() {
    if (metric != null) {
      finished.add(metric);
      interrupted = metric;
      metric = null;
    }
  }

  /**
   * {@code point} names the sample within its metric: its name, and its quantile or state; {@code
   * timestamp} is in seconds as written, NaN for none. False when the sample repeats a point.
   */
  boolean check(Map<String, String> metricLabels, String point, double timestamp, TextCursor in)
      throws ExpositionParseException {
    boolean hasTimestamp = !Double.isNaN(timestamp);
    if (metricLabels != metric && !metricLabels.equals(metric)) {
      if (metric != null) {
        finished.add(metric);
      }
      if (finished.contains(metricLabels)) {
        throw in.error(
            "metric "
                + family
                + Labels.format(metricLabels)
                + (metricLabels.equals(interrupted)
                    ? " continues after another family's lines"
                    : " continues after another metric of " + family)
                + " (metrics must not be interleaved)");
      }
      metric = metricLabels;
      seen.clear();
      latest = Double.NaN;
      timestamped = hasTimestamp;
    } else if (hasTimestamp != timestamped) {
      throw in.error(
          "sample "
              + point
              + Labels.format(metricLabels)
              + (hasTimestamp ? " has" : " has no")
              + " timestamp, unlike the samples before it in its metric (all or none have one)");
    }
    if (timeOrdered && hasTimestamp && timestamp < latest) {
      throw in.error(
          "sample "
              + point
              + Labels.format(metricLabels)
              + " goes back in time from the sample before it"
              + " (the points of a metric must not be interleaved)");
    }
    Double previous = seen.put(point, hasTimestamp ? timestamp : NO_TIMESTAMP);
    if (hasTimestamp) {
      latest = timestamp;
    }
    return previous == null || Double.compare(previous, timestamp) != 0;
  }
}
