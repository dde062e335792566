package io.fleetpulse.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tokens served per series per UTC day. Summed from the 1 h tier rather than read off the 1 d
 * windows: counters add exactly, and a range that starts or ends mid-day then counts only its own
 * hours.
 */
final class DailyTokens {

  static final String TIER = "1h";

  private DailyTokens() {}

  static ReportTable table(List<WindowPoint> hours) {
    Map<String, Map<String, double[]>> bySeries = new TreeMap<>();
    for (WindowPoint hour : hours) {
      double[] sums =
          bySeries
              .computeIfAbsent(hour.series(), s -> new TreeMap<>())
              .computeIfAbsent(Cells.day(hour.startMs()), d -> new double[] {0, 0, 0});
      sums[0] += hour.generationTokens() == null ? 0 : hour.generationTokens();
      sums[1] += hour.promptTokens() == null ? 0 : hour.promptTokens();
      sums[2] += hour.generationTokens() == null ? 0 : 1;
    }
    List<List<String>> rows = new ArrayList<>();
    List<ReportChart.Line> lines = new ArrayList<>();
    bySeries.forEach(
        (series, days) -> {
          List<Double> xs = new ArrayList<>();
          List<Double> ys = new ArrayList<>();
          days.forEach(
              (day, sums) -> {
                rows.add(
                    List.of(
                        series,
                        day,
                        Cells.number(sums[0], 0),
                        Cells.number(sums[1], 0),
                        Cells.number(sums[2], 0)));
                xs.add((double) xs.size() + 1);
                ys.add(sums[0] / 1e6);
              });
          lines.add(new ReportChart.Line(series, xs, ys));
        });
    return new ReportTable(
        "daily_tokens",
        "Tokens served per day",
        "Generation and prompt tokens summed over the 1 h tier's windows of each UTC day; hours"
            + " counts the windows that had the counter.",
        List.of("series", "day", "generation_tokens", "prompt_tokens", "hours"),
        rows,
        new ReportChart(
            "Generation tokens per day", "day of the range", "million tokens", lines, Map.of()));
  }
}
