package io.fleetpulse.streams.aggregate;

import io.fleetpulse.streams.state.WindowState;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.streams.profile.CanonicalGauge;
import io.fleetpulse.streams.stats.CounterRates;
import io.fleetpulse.streams.stats.LatencyQuantiles;
import io.fleetpulse.streams.state.GaugeObservation;
import io.fleetpulse.streams.window.WindowName;
import java.time.Instant;
import java.util.List;

/** Turns a closed window's state into the published {@link FleetWindow}. */
final class FleetWindowFactory {

  private static final double KV_QUANTILE = 0.9;

  private FleetWindowFactory() {}

  static FleetWindow create(WindowState state) {
    long endMs = state.getWindowEndMs();
    long sizeMs = state.getWindowSizeMs();
    List<Double> running = lastValues(state, CanonicalGauge.REQUESTS_RUNNING);
    List<Double> waiting = lastValues(state, CanonicalGauge.REQUESTS_WAITING);
    List<Double> kv = lastValues(state, CanonicalGauge.KV_CACHE_USAGE);
    int up = (int) state.getNodes().values().stream().filter(GaugeObservation::getUp).count();
    // Without a scrape interval reaching into the window there are no increases to turn into rates.
    CounterRates rates = state.getCovered()
        ? CounterRates.over(state.getCounters(), sizeMs / 1000.0)
        : CounterRates.absent();
    return FleetWindow.newBuilder()
        .setScope(state.getScope())
        .setCluster(state.getCluster())
        .setModel(state.getModel())
        .setNode(state.getNode())
        .setWindow(WindowName.ofMillis(sizeMs))
        .setWindowStartMs(Instant.ofEpochMilli(endMs - sizeMs))
        .setWindowEndMs(Instant.ofEpochMilli(endMs))
        .setGenerationTokensPerSecond(rates.generationTokensPerSecond())
        .setPromptTokensPerSecond(rates.promptTokensPerSecond())
        .setRequestsRunningSum(GaugeStatistics.sum(running))
        .setRequestsRunningMax(GaugeStatistics.max(running))
        .setRequestsWaitingSum(GaugeStatistics.sum(waiting))
        .setRequestsWaitingMax(GaugeStatistics.max(waiting))
        .setKvCacheUsageMean(GaugeStatistics.mean(kv))
        .setKvCacheUsageMax(GaugeStatistics.max(kv))
        .setKvCacheUsageP90(GaugeStatistics.quantile(KV_QUANTILE, kv))
        .setNodesUp(up)
        .setNodesDown(state.getNodes().size() - up)
        .setRequestsPerSecond(rates.requestsPerSecondByOutcome())
        .setPreemptionsPerSecond(rates.preemptionsPerSecond())
        .setPrefixCacheHitRatio(rates.prefixCacheHitRatio())
        .setGenerationComputeSecondsPerToken(rates.generationComputeSecondsPerToken())
        .setLatency(LatencyQuantiles.of(state.getHistograms(), state.getSketches()))
        .build();
  }

  /** Each node's value from its last observation in the window; nodes whose last scrape lacked it add none. */
  private static List<Double> lastValues(WindowState state, CanonicalGauge gauge) {
    return state.getNodes().values().stream()
        .map(observation -> observation.getGauges().get(gauge.id()))
        .filter(value -> value != null)
        .toList();
  }
}
