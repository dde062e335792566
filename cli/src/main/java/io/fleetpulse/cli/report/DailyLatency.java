package io.fleetpulse.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * p99 time to first token and inter-token latency per series per day, off the 1 d windows: a day's
 * quantile cannot be merged from hourly quantiles, and the tier's own window is the merge of its
 * sketches (source {@code events}) or buckets ({@code histogram}), labelled which.
 */
final class DailyLatency {

  static final String TIER = "1d";

  private DailyLatency() {}

  static ReportTable table(List<WindowPoint> days) {
    List<List<String>> rows = new ArrayList<>();
    days.stream()
        .sorted(Comparator.comparing(WindowPoint::series).thenComparing(WindowPoint::startMs))
        .forEach(
            day ->
                rows.add(
                    List.of(
                        day.series(),
                        Cells.day(day.startMs()),
                        Cells.number(day.ttftP99(), 3),
                        source(day.ttftSource()),
                        Cells.number(day.interTokenP99(), 4),
                        source(day.interTokenSource()))));
    return new ReportTable(
        "daily_latency",
        "p99 latency per day",
        "From each 1 d window's latency quantiles, seconds: source events (request-event sketches,"
            + " 1% relative accuracy) where the day had them, else histogram (interpolated from merged"
            + " buckets). A day the range cuts is still the whole day's window.",
        List.of("series", "day", "ttft_p99_s", "ttft_source", "itl_p99_s", "itl_source"),
        rows,
        null);
  }

  private static String source(String source) {
    return source == null ? Cells.NONE : source;
  }
}
