package io.fleetpulse.sink.exposition;

import static io.fleetpulse.sink.exposition.WindowMetric.gauge;
import static io.fleetpulse.sink.exposition.WindowMetric.series;

import io.fleetpulse.schemas.FleetWindow;
import java.util.List;

/**
 * The exported window metrics, the sink's contract (DESIGN.md "Exported metrics"). A new family is
 * a new row here.
 */
public final class WindowMetrics {

  public static final List<WindowMetric> ALL =
      List.of(
          gauge(
              "fleetpulse_tokens_per_second",
              "Tokens per second over the latest closed window: generation = output tokens,"
                  + " prompt = input tokens processed.",
              series("direction", "generation", FleetWindow::getGenerationTokensPerSecond),
              series("direction", "prompt", FleetWindow::getPromptTokensPerSecond)),
          gauge(
              "fleetpulse_requests_running",
              "Requests being processed (in the running batch) at the end of the latest closed"
                  + " window, summed over or max of the nodes' last values.",
              series("stat", "sum", FleetWindow::getRequestsRunningSum),
              series("stat", "max", FleetWindow::getRequestsRunningMax)),
          gauge(
              "fleetpulse_requests_waiting",
              "Requests queued waiting to be scheduled at the end of the latest closed window,"
                  + " summed over or max of the nodes' last values.",
              series("stat", "sum", FleetWindow::getRequestsWaitingSum),
              series("stat", "max", FleetWindow::getRequestsWaitingMax)),
          gauge(
              "fleetpulse_kv_cache_usage_ratio",
              "KV-cache usage (0..1) across nodes in the latest closed window: mean, max and"
                  + " 90th percentile of the nodes' last values.",
              series("stat", "mean", FleetWindow::getKvCacheUsageMean),
              series("stat", "max", FleetWindow::getKvCacheUsageMax),
              series("stat", "p90", FleetWindow::getKvCacheUsageP90)),
          gauge(
              "fleetpulse_nodes",
              "Nodes whose last scrape in the latest closed window succeeded (up) or failed (down).",
              series("state", "up", window -> (double) window.getNodesUp()),
              series("state", "down", window -> (double) window.getNodesDown())),
          gauge(
              "fleetpulse_window_end_timestamp_seconds",
              "End of the window the other fleetpulse_ values of this series belong to,"
                  + " in seconds since the epoch.",
              series(window -> window.getWindowEndMs().toEpochMilli() / 1000.0)));

  private WindowMetrics() {}
}
