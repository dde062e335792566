package io.fleetpulse.collector.parse;

import java.util.Map;

/** Renders label sets the way the exposition writes them, for error messages. */
final class Labels {

  private Labels() {}

  static String format(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("{");
    labels.forEach(
        (name, value) -> {
          if (text.length() > 1) {
            text.append(',');
          }
          text.append(name).append("=\"").append(value).append('"');
        });
    return text.append('}').toString();
  }
}
