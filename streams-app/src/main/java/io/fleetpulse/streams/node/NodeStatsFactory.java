package io.fleetpulse.streams.node;

import io.fleetpulse.schemas.NodeStats;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.streams.profile.CanonicalGauge;
import io.fleetpulse.streams.state.BucketCounts;
import io.fleetpulse.streams.stats.CounterRates;
import io.fleetpulse.streams.stats.LatencyQuantiles;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds the drill-down record of one node over one scrape interval. */
final class NodeStatsFactory {

  private NodeStatsFactory() {}

  /**
   * @param intervalStartMs the previous good scrape, or null when there is no interval (then no
   *     rates)
   * @param increases counter increases over the interval by canonical counter key
   * @param histograms histogram bucket increases over the interval by canonical histogram id
   * @param gauges the scrape's canonical gauges; empty for a failed scrape
   */
  static NodeStats create(
      Scrape scrape,
      NodeIdentity node,
      Long intervalStartMs,
      Map<String, Double> increases,
      Map<String, List<BucketCounts>> histograms,
      Map<CanonicalGauge, Double> gauges) {
    long endMs = scrape.getTimestampMs().toEpochMilli();
    CounterRates rates =
        intervalStartMs == null
            ? CounterRates.absent()
            : CounterRates.over(increases, (endMs - intervalStartMs) / 1000.0);
    return NodeStats.newBuilder()
        .setCluster(node.cluster())
        .setNode(node.instance())
        .setModel(node.model())
        .setEngine(scrape.getEngine())
        .setTimestampMs(scrape.getTimestampMs())
        .setIntervalStartMs(intervalStartMs == null ? null : Instant.ofEpochMilli(intervalStartMs))
        .setUp(scrape.getUp())
        .setError(scrape.getError())
        .setGenerationTokensPerSecond(rates.generationTokensPerSecond())
        .setPromptTokensPerSecond(rates.promptTokensPerSecond())
        .setRequestsPerSecond(rates.requestsPerSecondByOutcome())
        .setPreemptionsPerSecond(rates.preemptionsPerSecond())
        .setPrefixCacheHitRatio(rates.prefixCacheHitRatio())
        .setGenerationComputeSecondsPerToken(rates.generationComputeSecondsPerToken())
        .setRequestsRunning(gauges.get(CanonicalGauge.REQUESTS_RUNNING))
        .setRequestsWaiting(gauges.get(CanonicalGauge.REQUESTS_WAITING))
        .setKvCacheUsage(gauges.get(CanonicalGauge.KV_CACHE_USAGE))
        .setRequestsRetracted(gauges.get(CanonicalGauge.REQUESTS_RETRACTED))
        .setLatency(LatencyQuantiles.of(histograms, Map.of()))
        .build();
  }
}
