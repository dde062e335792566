package io.fleetpulse.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Minutes a series spent with some node's KV cache at or above the threshold: the 1 m windows whose
 * {@code kv_cache_usage_max} reached it, times their length.
 */
final class KvSaturation {

  static final String TIER = "1m";

  private KvSaturation() {}

  static ReportTable table(List<WindowPoint> minutes, double threshold) {
    Map<String, double[]> bySeries = new TreeMap<>();
    for (WindowPoint minute : minutes) {
      double[] sums = bySeries.computeIfAbsent(minute.series(), s -> new double[] {0, 0});
      if (minute.kvCacheUsageMax() != null) {
        sums[1] += minute.hours() * 60;
        if (minute.kvCacheUsageMax() >= threshold) {
          sums[0] += minute.hours() * 60;
        }
      }
    }
    List<List<String>> rows = new ArrayList<>();
    bySeries.forEach(
        (series, sums) ->
            rows.add(List.of(series, Cells.number(sums[0], 0), Cells.number(sums[1], 0))));
    return new ReportTable(
        "kv_saturation",
        "KV-cache saturation",
        String.format(
            Locale.ROOT,
            "Minutes of 1 m windows whose max KV-cache usage across nodes was at least %.2f"
                + " (--kv-threshold), of the minutes that reported KV usage.",
            threshold),
        List.of("series", "saturated_minutes", "observed_minutes"),
        rows,
        null);
  }
}
