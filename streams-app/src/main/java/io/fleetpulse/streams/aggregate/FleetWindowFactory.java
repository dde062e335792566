package io.fleetpulse.streams.aggregate;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyTotal;
import io.fleetpulse.schemas.contract.LatencySource;
import io.fleetpulse.streams.events.LatencySketches;
import io.fleetpulse.streams.histogram.HistogramLayouts;
import io.fleetpulse.streams.histogram.LayoutUnion;
import io.fleetpulse.streams.profile.CanonicalCounter;
import io.fleetpulse.streams.profile.CanonicalGauge;
import io.fleetpulse.streams.profile.CanonicalHistogram;
import io.fleetpulse.streams.state.BucketCounts;
import io.fleetpulse.streams.state.GaugeSummary;
import io.fleetpulse.streams.state.ScopeAggregate;
import io.fleetpulse.streams.stats.CounterRates;
import io.fleetpulse.streams.stats.LatencyQuantiles;
import io.fleetpulse.streams.window.WindowName;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a closed window's aggregate into the published {@link FleetWindow}. Rates are per observed
 * second: the sum over nodes of each node's increase over the seconds it was observed, so a window
 * only partly observed (the first after a start, a node that joined mid-window) does not read as a
 * drop; {@code observed_ratio} says how much was observed and the token counts stay exact. A rollup
 * tier's window comes through here too, its rates set per second of the window by its merger.
 */
public final class FleetWindowFactory {

  private static final double KV_QUANTILE = 0.9;

  private FleetWindowFactory() {}

  public static FleetWindow create(ScopeAggregate aggregate) {
    long endMs = aggregate.getWindowEndMs();
    long sizeMs = aggregate.getWindowSizeMs();
    CounterRates perSecond = CounterRates.over(aggregate.getCounterRates(), 1.0);
    CounterRates ratios = CounterRates.over(aggregate.getCounters(), 1.0);
    GaugeSummary running = aggregate.getGauges().get(CanonicalGauge.REQUESTS_RUNNING.id());
    GaugeSummary waiting = aggregate.getGauges().get(CanonicalGauge.REQUESTS_WAITING.id());
    GaugeSummary kv = aggregate.getGauges().get(CanonicalGauge.KV_CACHE_USAGE.id());
    double nodeMs = (double) sizeMs * aggregate.getScrapedNodes();
    return FleetWindow.newBuilder()
        .setScope(aggregate.getScope())
        .setCluster(aggregate.getCluster())
        .setModel(aggregate.getModel())
        .setNode(aggregate.getNode())
        .setEngine(ScopeAggregates.engine(aggregate))
        .setWindow(WindowName.ofMillis(sizeMs))
        .setWindowStartMs(Instant.ofEpochMilli(endMs - sizeMs))
        .setWindowEndMs(Instant.ofEpochMilli(endMs))
        .setGenerationTokensPerSecond(perSecond.generationTokensPerSecond())
        .setPromptTokensPerSecond(perSecond.promptTokensPerSecond())
        .setGenerationTokens(aggregate.getCounters().get(CanonicalCounter.GENERATION_TOKENS.id()))
        .setPromptTokens(aggregate.getCounters().get(CanonicalCounter.PROMPT_TOKENS.id()))
        .setRequestsRunningSum(running == null ? null : running.getSum())
        .setRequestsRunningMax(running == null ? null : running.getMax())
        .setRequestsWaitingSum(waiting == null ? null : waiting.getSum())
        .setRequestsWaitingMax(waiting == null ? null : waiting.getMax())
        .setKvCacheUsageMean(GaugeSummaries.mean(kv))
        .setKvCacheUsageMax(kv == null ? null : kv.getMax())
        .setKvCacheUsageP90(GaugeSummaries.quantile(kv, KV_QUANTILE))
        .setObservedRatio(nodeMs == 0 ? 0.0 : Math.min(1.0, aggregate.getObservedMs() / nodeMs))
        .setNodesUp(aggregate.getNodesUp())
        .setNodesDown(aggregate.getNodesDown())
        .setRequestsPerSecond(perSecond.requestsPerSecondByOutcome())
        .setPreemptionsPerSecond(perSecond.preemptionsPerSecond())
        .setPrefixCacheHitRatio(ratios.prefixCacheHitRatio())
        .setGenerationComputeSecondsPerToken(ratios.generationComputeSecondsPerToken())
        .setLatency(LatencyQuantiles.of(aggregate.getHistograms(), aggregate.getSketches()))
        .setLatencyTotals(totals(aggregate))
        .build();
  }

  /**
   * Per family and source, how many requests were observed and (from events) the sum of their
   * latencies.
   */
  private static List<LatencyTotal> totals(ScopeAggregate aggregate) {
    List<LatencyTotal> totals = new ArrayList<>();
    for (CanonicalHistogram family : CanonicalHistogram.values()) {
      List<BucketCounts> layouts = aggregate.getHistograms().get(family.id());
      if (layouts != null && !layouts.isEmpty()) {
        double count = HistogramLayouts.total(LayoutUnion.merge(layouts));
        totals.add(new LatencyTotal(family.id(), LatencySource.HISTOGRAM.id(), count, null));
      }
      ByteBuffer encoded = aggregate.getSketches().get(family.id());
      if (encoded != null) {
        DDSketch sketch = LatencySketches.decode(encoded);
        if (!sketch.isEmpty()) {
          totals.add(
              new LatencyTotal(
                  family.id(), LatencySource.EVENTS.id(), sketch.getCount(), sketch.getSum()));
        }
      }
    }
    return totals;
  }
}
