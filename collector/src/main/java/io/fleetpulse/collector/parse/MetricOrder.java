package io.fleetpulse.collector.parse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * OpenMetrics' ordering rules for the samples of one family: the lines of each metric (label set)
 * are contiguous, and within a metric no point repeats a sample unless its timestamp is later,
 * and timestamps never go back.
 */
final class MetricOrder {

  private final String family;
  private final Set<Map<String, String>> finished = new HashSet<>();
  private Map<String, String> metric;
  /** The timestamp (possibly null) each sample of the current metric was last seen with. */
  private final Map<String, Long> seen = new HashMap<>();
  private Long latest;

  MetricOrder(String family) {
    this.family = family;
  }

  /** {@code point} names the sample within its metric: its name, and its quantile or state. */
  void check(Map<String, String> metricLabels, String point, Long timestamp, TextCursor in)
      throws ExpositionParseException {
    if (metricLabels != metric && !metricLabels.equals(metric)) {
      if (metric != null) {
        finished.add(metric);
      }
      if (finished.contains(metricLabels)) {
        throw in.error("metric " + family + Labels.format(metricLabels) + " continues after another metric of "
            + family + " (metrics must not be interleaved)");
      }
      metric = metricLabels;
      seen.clear();
      latest = null;
    }
    if (timestamp != null && latest != null && timestamp < latest) {
      throw in.error("sample " + point + Labels.format(metricLabels) + " goes back in time from the sample before it"
          + " (the points of a metric must not be interleaved)");
    }
    if (seen.containsKey(point)) {
      Long previous = seen.get(point);
      if (timestamp == null || previous == null || timestamp <= previous) {
        throw in.error("duplicate sample " + point + Labels.format(metricLabels));
      }
    }
    seen.put(point, timestamp);
    if (timestamp != null) {
      latest = timestamp;
    }
  }
}
