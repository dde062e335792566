package io.fleetpulse.streams.profile;

import java.util.Map;
import java.util.TreeMap;

/**
 * Identifies a series across scrapes: a prefix naming what it feeds, the raw name it was read from,
 * and the sorted label set, written like a Prometheus series selector with escaped values so that
 * two different series never share a key.
 */
final class SeriesKeys {

  private SeriesKeys() {}

  static String of(String feeds, String rawName, Map<String, String> labels) {
    StringBuilder key = new StringBuilder(feeds).append('|').append(rawName).append('{');
    String separator = "";
    for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
      key.append(separator)
          .append(label.getKey())
          .append("=\"")
          .append(escape(label.getValue()))
          .append('"');
      separator = ",";
    }
    return key.append('}').toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
