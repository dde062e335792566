package io.fleetpulse.sink;

import static io.fleetpulse.sink.TestSignals.signal;
import static io.fleetpulse.sink.TestWindows.window;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.LatencyTotal;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.LatencySource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Windows of every scope with every value set, and signals in every state: all the sink can export
 * at once.
 */
final class RichOutput {

  private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99};

  private RichOutput() {}

  static List<FleetWindow> windows(Instant end) {
    List<FleetWindow> windows = new ArrayList<>();
    for (String name : List.of("10s", "1m")) {
      windows.add(full(window("fleet", name, end)));
      windows.add(full(window("cluster", name, end).setCluster("us-east").setEngine("vllm")));
      windows.add(full(window("model", name, end).setModel("meta-llama/Llama-3.1-8B")));
      windows.add(
          full(
              window("cluster_model", name, end)
                  .setCluster("us-east")
                  .setModel("meta-llama/Llama-3.1-8B")));
      windows.add(
          full(
              window("node", name, end)
                  .setCluster("us-east")
                  .setModel("meta-llama/Llama-3.1-8B")
                  .setNode("10.0.0.1:8000")
                  .setEngine("vllm")));
      windows.add(
          window("node", name, end)
              .setCluster("edge")
              .setModel("unknown")
              .setNode("10.0.9.9:8080")
              .setEngine("llamacpp")
              .setGenerationTokensPerSecond(31.0)
              .setGenerationComputeSecondsPerToken(0.03)
              .setNodesUp(1)
              .build());
    }
    return windows;
  }

  static List<Signal> signals(Instant updated) {
    return List.of(
        signal("kv_cache_saturation", "fleet", SignalState.PENDING, updated)
            .setSecondsToExhaustion(120.0)
            .build(),
        signal("kv_cache_saturation", "cluster", SignalState.INACTIVE, updated)
            .setCluster("us-east")
            .build(),
        signal("queue_time_rising", "cluster_model", SignalState.FIRING, updated)
            .setCluster("us-east")
            .setModel("meta-llama/Llama-3.1-8B")
            .setSeverity("critical")
            .setReason("p99 queue time 2.1 s, 6.3x its baseline 0.33 s")
            .build(),
        signal("slow_node", "node", SignalState.RESOLVED, updated)
            .setCluster("us-east")
            .setModel("meta-llama/Llama-3.1-8B")
            .setNode("10.0.0.1:8000")
            .build());
  }

  private static FleetWindow full(FleetWindow.Builder window) {
    List<LatencyQuantile> latency = new ArrayList<>();
    List<LatencyTotal> totals = new ArrayList<>();
    for (LatencyFamily family : LatencyFamily.values()) {
      for (LatencySource source : LatencySource.values()) {
        for (double q : QUANTILES) {
          latency.add(new LatencyQuantile(family.id(), source.id(), q, 0.1 + q));
        }
        totals.add(
            new LatencyTotal(
                family.id(), source.id(), 420.0, source == LatencySource.HISTOGRAM ? 88.5 : null));
      }
    }
    return window
        .setGenerationTokensPerSecond(5120.5)
        .setPromptTokensPerSecond(20480.0)
        .setRequestsRunningSum(96.0)
        .setRequestsRunningMax(14.0)
        .setRequestsWaitingSum(3.0)
        .setRequestsWaitingMax(2.0)
        .setKvCacheUsageMean(0.42)
        .setKvCacheUsageMax(0.91)
        .setKvCacheUsageP90(0.85)
        .setNodesUp(7)
        .setNodesDown(1)
        .setRequestsPerSecond(Map.of("stop", 9.5, "length", 1.5, "abort", 0.0, "error", 0.1))
        .setPreemptionsPerSecond(0.1)
        .setPrefixCacheHitRatio(0.3)
        .setGenerationComputeSecondsPerToken(0.02)
        .setLatency(latency)
        .setLatencyTotals(totals)
        .build();
  }
}
