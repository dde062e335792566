package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Sample;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parsed families as plain text, one line per family, sample and histogram, for the corpus's
 * expected results: short enough to read and check by eye, and exact (every name, label, value,
 * timestamp and bucket).
 */
final class FamilyDump {

  private FamilyDump() {}

  static String of(List<MetricFamily> families) {
    StringBuilder text = new StringBuilder();
    for (MetricFamily family : families) {
      text.append(family.getType()).append(' ').append(family.getName());
      if (family.getHelp() != null) {
        text.append(" help=").append(quoted(family.getHelp().toString()));
      }
      text.append('\n');
      for (Sample sample : family.getSamples()) {
        text.append("  ")
            .append(sample.getName())
            .append(labels(sample.getLabels()))
            .append(' ')
            .append(sample.getValue());
        if (sample.getTimestampMs() != null) {
          text.append(" @").append(sample.getTimestampMs());
        }
        text.append('\n');
      }
      for (Histogram histogram : family.getHistograms()) {
        text.append("  histogram")
            .append(labels(histogram.getLabels()))
            .append(" bounds=")
            .append(histogram.getBounds())
            .append(" counts=")
            .append(histogram.getCumulativeCounts())
            .append(" sum=")
            .append(histogram.getSum())
            .append(" count=")
            .append(histogram.getCount())
            .append('\n');
      }
    }
    return text.toString();
  }

  private static String labels(Map<? extends CharSequence, ? extends CharSequence> labels) {
    return labels.entrySet().stream()
        .map(label -> label.getKey() + "=" + quoted(label.getValue().toString()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** Quoted, with backslash, quote and newline escaped, so that each dump line is one text line. */
  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
