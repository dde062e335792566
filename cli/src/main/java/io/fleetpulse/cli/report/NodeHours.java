package io.fleetpulse.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Node-hours up and down per series: the 1 h windows' node-seconds up and down, summed. Not
 * nodes_up times the hour: that is the most up at once, so an hour a node went down in would count
 * it both up and down for the whole hour.
 */
final class NodeHours {

  static final String TIER = "1h";

  private NodeHours() {}

  static ReportTable table(List<WindowPoint> hours) {
    Map<String, double[]> bySeries = new TreeMap<>();
    for (WindowPoint hour : hours) {
      double[] sums = bySeries.computeIfAbsent(hour.series(), s -> new double[] {0, 0});
      sums[0] += hour.nodeSecondsUp() / 3600;
      sums[1] += hour.nodeSecondsDown() / 3600;
    }
    List<List<String>> rows = new ArrayList<>();
    bySeries.forEach(
        (series, sums) ->
            rows.add(List.of(series, Cells.number(sums[0], 1), Cells.number(sums[1], 1))));
    return new ReportTable(
        "node_hours",
        "Node-hours up and down",
        "Node-seconds up and down of the 1 h windows (each live window's nodes up and down times"
            + " its length), summed, in hours.",
        List.of("series", "node_hours_up", "node_hours_down"),
        rows,
        null);
  }
}
