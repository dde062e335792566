package io.fleetpulse.streams.engine;

import java.util.Map;
import java.util.TreeMap;

/** One series of a canonical counter in one scrape. */
public record CounterSample(CanonicalCounter counter, Map<String, String> labels, double value) {

  public CounterSample {
    labels = Map.copyOf(labels);
  }

  /**
   * Identifies the series across scrapes: the canonical id and the sorted label set, written like a
   * Prometheus series selector with escaped values so that two different series never share a key.
   */
  public String seriesKey() {
    StringBuilder key = new StringBuilder(counter.id()).append('{');
    String separator = "";
    for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
      key.append(separator).append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
      separator = ",";
    }
    return key.append('}').toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
