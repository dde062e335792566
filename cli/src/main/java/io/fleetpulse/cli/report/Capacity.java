package io.fleetpulse.cli.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per series, the knee of p99 queue time against generation tokens/s per node ({@link
 * CapacityKnee}) and the headroom between it and the last week's peak tokens/s per node.
 */
final class Capacity {

  static final String TIER = "1m";
  static final Duration PEAK_WINDOW = Duration.ofDays(7);

  private Capacity() {}

  static ReportTable table(List<WindowPoint> minutes, ReportRange range) {
    long peakSinceMs = Math.max(range.sinceMs(), range.untilMs() - PEAK_WINDOW.toMillis());
    Map<String, List<CapacityKnee.Load>> loads = new TreeMap<>();
    Map<String, Double> peaks = new HashMap<>();
    for (WindowPoint minute : minutes) {
      if (minute.nodesUp() <= 0 || minute.generationTokensPerSecond() == null) {
        continue;
      }
      double perNode = minute.generationTokensPerSecond() / minute.nodesUp();
      if (minute.startMs() >= peakSinceMs) {
        peaks.merge(minute.series(), perNode, Math::max);
      }
      if (minute.queueTimeP99() != null) {
        loads
            .computeIfAbsent(minute.series(), s -> new ArrayList<>())
            .add(new CapacityKnee.Load(perNode, minute.queueTimeP99()));
      }
    }
    List<List<String>> rows = new ArrayList<>();
    List<ReportChart.Line> lines = new ArrayList<>();
    Map<String, Double> knees = new TreeMap<>();
    loads.forEach(
        (series, seriesLoads) -> {
          CapacityKnee.Estimate estimate = CapacityKnee.estimate(seriesLoads);
          Double peak = peaks.get(series);
          Double knee = estimate.knee();
          rows.add(
              List.of(
                  series,
                  Cells.number(knee, 1),
                  Cells.number(peak, 1),
                  knee == null || peak == null ? Cells.NONE : Cells.number(knee - peak, 1),
                  knee == null || peak == null || peak <= 0
                      ? Cells.NONE
                      : Cells.number(100 * (knee / peak - 1), 0),
                  Cells.number(estimate.baselineSeconds(), 3),
                  Cells.number(estimate.thresholdSeconds(), 3),
                  Integer.toString(seriesLoads.size()),
                  knee == null ? estimate.why() : "knee found"));
          lines.add(
              new ReportChart.Line(
                  series,
                  estimate.bins().stream().map(CapacityKnee.Bin::center).toList(),
                  estimate.bins().stream().map(CapacityKnee.Bin::medianQueueP99).toList()));
          if (knee != null) {
            knees.put("knee " + series, knee);
          }
        });
    return new ReportTable(
        "capacity",
        "Capacity: where queue time starts to rise",
        "From the 1 m tier: each minute's generation tokens/s divided by its nodes up, against its p99"
            + " queue time. Minutes are binned into "
            + CapacityKnee.BINS
            + " equal bins of tokens/s per node up to the highest seen; a bin of at least "
            + CapacityKnee.MIN_PER_BIN
            + " minutes gets its median p99 queue time. The baseline is the median p99 queue time of"
            + " the least loaded quarter of the minutes; the knee is the lower edge of the first bin"
            + " above it whose median exceeds the threshold, max("
            + CapacityKnee.FACTOR
            + " x baseline, baseline + "
            + CapacityKnee.MIN_RISE_SECONDS
            + " s), with the next bin over it too. Headroom is the knee minus the peak tokens/s per"
            + " node of the range's last 7 days (percent: of that peak); negative means the peak was"
            + " already past the knee.",
        List.of(
            "series",
            "knee_tokens_per_second_per_node",
            "peak_tokens_per_second_per_node",
            "headroom_tokens_per_second_per_node",
            "headroom_percent",
            "baseline_queue_p99_s",
            "threshold_queue_p99_s",
            "minutes",
            "verdict"),
        rows,
        new ReportChart(
            "Median p99 queue time by load",
            "generation tokens/s per node",
            "seconds",
            lines,
            knees));
  }
}
