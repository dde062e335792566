package io.fleetpulse.cli.report;

import java.util.List;
import java.util.Map;

/**
 * A line chart of a section: one line a series, and vertical markers (the capacity knees).
 *
 * @param marks where each marker stands, in x units, by label
 */
public record ReportChart(
    String title, String xTitle, String yTitle, List<Line> lines, Map<String, Double> marks) {

  public ReportChart {
    lines = List.copyOf(lines);
    marks = Map.copyOf(marks);
  }

  public record Line(String name, List<Double> xs, List<Double> ys) {}
}
