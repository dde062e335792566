package io.fleetpulse.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Node-hours up and down per series: each 1 h window's nodes_up and nodes_down times its length.
 */
final class NodeHours {

  static final String TIER = "1h";

  private NodeHours() {}

  static ReportTable table(List<WindowPoint> hours) {
    Map<String, double[]> bySeries = new TreeMap<>();
    for (WindowPoint hour : hours) {
      double[] sums = bySeries.computeIfAbsent(hour.series(), s -> new double[] {0, 0});
      sums[0] += hour.nodesUp() * hour.hours();
      sums[1] += hour.nodesDown() * hour.hours();
    }
    List<List<String>> rows = new ArrayList<>();
    bySeries.forEach(
        (series, sums) ->
            rows.add(List.of(series, Cells.number(sums[0], 1), Cells.number(sums[1], 1))));
    return new ReportTable(
        "node_hours",
        "Node-hours up and down",
        "nodes_up and nodes_down of each 1 h window times its length, summed.",
        List.of("series", "node_hours_up", "node_hours_down"),
        rows,
        null);
  }
}
