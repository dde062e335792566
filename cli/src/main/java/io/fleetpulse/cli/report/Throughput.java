package io.fleetpulse.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Peak and median generation tokens/s per series, over the 1 m tier: the finest tier, so a peak is
 * a minute's rate and not an hour's average.
 */
final class Throughput {

  static final String TIER = "1m";

  private Throughput() {}

  static ReportTable table(List<WindowPoint> minutes) {
    Map<String, List<Double>> bySeries = new TreeMap<>();
    for (WindowPoint minute : minutes) {
      if (minute.generationTokensPerSecond() != null) {
        bySeries
            .computeIfAbsent(minute.series(), s -> new ArrayList<>())
            .add(minute.generationTokensPerSecond());
      }
    }
    List<List<String>> rows = new ArrayList<>();
    bySeries.forEach(
        (series, rates) -> {
          double[] values = rates.stream().mapToDouble(Double::doubleValue).toArray();
          rows.add(
              List.of(
                  series,
                  Cells.number(Percentiles.of(values, 1.0), 1),
                  Cells.number(Percentiles.of(values, 0.5), 1),
                  Integer.toString(values.length)));
        });
    return new ReportTable(
        "throughput",
        "Generation tokens/s",
        "Peak and p50 (nearest rank) of the 1 m tier's generation tokens/s over the range.",
        List.of("series", "peak_tokens_per_second", "p50_tokens_per_second", "minutes"),
        rows,
        null);
  }
}
