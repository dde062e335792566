package io.fleetpulse.cli.demo;

import io.fleetpulse.schemas.FleetWindow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One frame of the demo's terminal view: the fleet and each cluster in the latest closed window,
 * beside the simulator's own count of tokens for the same window, so a reader sees at a glance how
 * close FleetPulse is.
 */
public final class LiveTable {

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final String ROW = "%-14s %10s %10s %9s %8s %8s %7s %9s%n";

  private LiveTable() {}

  /**
   * @param windows the sink's current windows (any scope and window size)
   * @param window the window size to show, e.g. {@code 10s}
   * @param truthTokensPerSecond the simulator's generation tokens/s for a fleet or cluster window,
   *     or NaN
   */
  public static String render(
      Collection<FleetWindow> windows,
      String window,
      ToDoubleFunction<FleetWindow> truthTokensPerSecond) {
    List<FleetWindow> rows =
        windows.stream()
            .filter(w -> w.getWindow().equals(window))
            .filter(w -> w.getScope().equals("fleet") || w.getScope().equals("cluster"))
            .sorted(
                Comparator.comparing((FleetWindow w) -> !w.getScope().equals("fleet"))
                    .thenComparing(w -> w.getCluster() == null ? "" : w.getCluster()))
            .toList();
    StringBuilder out = new StringBuilder();
    if (rows.isEmpty()) {
      out.append("waiting for the first closed ")
          .append(window)
          .append(" window (scrapes need two samples, then the window must close)...\n");
      return out.toString();
    }
    out.append(
        String.format(
            Locale.ROOT,
            "window %s ending %s%n",
            window,
            CLOCK.format(rows.get(0).getWindowEndMs())));
    out.append(
        String.format(
            Locale.ROOT,
            ROW,
            "scope",
            "tokens/s",
            "truth",
            "TTFT p99",
            "running",
            "waiting",
            "KV max",
            "nodes up"));
    for (FleetWindow w : rows) {
      String name = w.getScope().equals("fleet") ? "fleet" : "  " + w.getCluster();
      out.append(
          String.format(
              Locale.ROOT,
              ROW,
              name,
              number(w.getGenerationTokensPerSecond(), "%.1f"),
              number(truthTokensPerSecond.applyAsDouble(w), "%.1f"),
              ttftP99(w),
              number(w.getRequestsRunningSum(), "%.0f"),
              number(w.getRequestsWaitingSum(), "%.0f"),
              number(w.getKvCacheUsageMax(), "%.2f"),
              w.getNodesUp() + "/" + (w.getNodesUp() + w.getNodesDown())));
    }
    return out.toString();
  }

  /**
   * From merged histograms, as Prometheus would compute it, in milliseconds to keep the column
   * narrow.
   */
  private static String ttftP99(FleetWindow w) {
    return w.getLatency().stream()
        .filter(
            q ->
                q.getFamily().equals("time_to_first_token")
                    && q.getSource().equals("histogram")
                    && q.getQuantile() == 0.99)
        .findFirst()
        .map(q -> number(q.getValue() * 1000, "%.0fms"))
        .orElse("-");
  }

  private static String number(Double value, String format) {
    return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, format, value);
  }
}
