package io.fleetpulse.sink.exposition;

import static io.fleetpulse.sink.exposition.WindowMetric.gauge;
import static io.fleetpulse.sink.exposition.WindowMetric.series;
import static io.fleetpulse.sink.exposition.WindowMetric.seriesByKey;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;

/**
 * The exported window metrics, the sink's contract (README "Exported metrics"). A new family is a
 * new row here. Units are given where the name ends in one, as OpenMetrics requires.
 */
public final class WindowMetrics {

  private static final String LATENCY_TOTALS =
      " _count and _sum: the requests the source observed in the window (rounded to whole) and their total"
          + " latency, where the source has them.";

  public static final List<WindowFamily> ALL =
      List.of(
          gauge(
              "fleetpulse_tokens_per_second",
              new Unit("tokens_per_second"),
              "Tokens per second over the latest closed window: generation = output tokens,"
                  + " prompt = input tokens processed.",
              series("direction", "generation", FleetWindow::getGenerationTokensPerSecond),
              series("direction", "prompt", FleetWindow::getPromptTokensPerSecond)),
          gauge(
              "fleetpulse_requests_running",
              null,
              "Requests being processed (in the running batch) at the end of the latest closed"
                  + " window, summed over or max of the nodes' last values.",
              series("stat", "sum", FleetWindow::getRequestsRunningSum),
              series("stat", "max", FleetWindow::getRequestsRunningMax)),
          gauge(
              "fleetpulse_requests_waiting",
              null,
              "Requests queued waiting to be scheduled at the end of the latest closed window,"
                  + " summed over or max of the nodes' last values.",
              series("stat", "sum", FleetWindow::getRequestsWaitingSum),
              series("stat", "max", FleetWindow::getRequestsWaitingMax)),
          gauge(
              "fleetpulse_kv_cache_usage_ratio",
              Unit.RATIO,
              "KV-cache usage (0..1) across nodes in the latest closed window: mean, max and"
                  + " 90th percentile of the nodes' last values.",
              series("stat", "mean", FleetWindow::getKvCacheUsageMean),
              series("stat", "max", FleetWindow::getKvCacheUsageMax),
              series("stat", "p90", FleetWindow::getKvCacheUsageP90)),
          gauge(
              "fleetpulse_requests_per_second",
              new Unit("requests_per_second"),
              "Requests finished per second over the latest closed window, by outcome: stop, length, abort,"
                  + " error, or success where the engine does not say why (TGI).",
              seriesByKey("outcome", FleetWindow::getRequestsPerSecond)),
          new LatencySummary(
              LatencyFamily.TIME_TO_FIRST_TOKEN,
              "Time to first token over the latest closed window: quantiles of the merged histogram buckets"
                  + " (source=histogram, as PromQL's histogram_quantile) or of the request events"
                  + " (source=events, 1% relative accuracy)."
                  + LATENCY_TOTALS),
          new LatencySummary(
              LatencyFamily.INTER_TOKEN_LATENCY,
              "Time between output tokens over the latest closed window, by quantile and source (events:"
                  + " each request's time per output token after the first)."
                  + LATENCY_TOTALS),
          new LatencySummary(
              LatencyFamily.E2E_REQUEST_LATENCY,
              "End-to-end request latency over the latest closed window, by quantile and source."
                  + LATENCY_TOTALS),
          new LatencySummary(
              LatencyFamily.QUEUE_TIME,
              "Time requests waited before being scheduled, over the latest closed window, by quantile and"
                  + " source."
                  + LATENCY_TOTALS),
          gauge(
              "fleetpulse_preemptions_per_second",
              new Unit("preemptions_per_second"),
              "Requests preempted (evicted from the running batch) per second over the latest closed window.",
              series(FleetWindow::getPreemptionsPerSecond)),
          gauge(
              "fleetpulse_prefix_cache_hit_ratio",
              Unit.RATIO,
              "Prefix-cache hits over queries (in tokens) in the latest closed window, from the engines"
                  + " that report both.",
              series(FleetWindow::getPrefixCacheHitRatio)),
          gauge(
              "fleetpulse_generation_compute_seconds_per_token",
              new Unit("seconds_per_token"),
              "Mean compute time per generated token in the latest closed window, from engines that report"
                  + " only that (llama.cpp); not a wall-clock inter-token latency.",
              series(FleetWindow::getGenerationComputeSecondsPerToken)),
          gauge(
              "fleetpulse_nodes",
              new Unit("nodes"),
              "Nodes whose last scrape in the latest closed window succeeded (up) or failed (down).",
              series("state", "up", window -> (double) window.getNodesUp()),
              series("state", "down", window -> (double) window.getNodesDown())),
          gauge(
              "fleetpulse_window_end_timestamp_seconds",
              Unit.SECONDS,
              "End of the window the other fleetpulse_ values of this series belong to,"
                  + " in seconds since the epoch.",
              series(window -> window.getWindowEndMs().toEpochMilli() / 1000.0)),
          gauge(
              "fleetpulse_window_observed_ratio",
              Unit.RATIO,
              "How much of the latest closed window its nodes were observed for (0..1): below 1 for the"
                  + " first window after a start or a node joining mid-window; rates count only what was"
                  + " observed.",
              series(FleetWindow::getObservedRatio)));

  private WindowMetrics() {}
}
