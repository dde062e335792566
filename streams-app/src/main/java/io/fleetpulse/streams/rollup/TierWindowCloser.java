package io.fleetpulse.streams.rollup;

import io.fleetpulse.streams.aggregate.ClosedThroughWatermark;
import io.fleetpulse.streams.aggregate.PartialCombiner;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import io.fleetpulse.streams.state.ScopeAggregate;
import io.fleetpulse.streams.state.TierWindowState;
import io.fleetpulse.streams.window.WindowStoreKey;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One rollup tier: merges each closed window of the tier below into the tier window holding it, and
 * closes a tier window once the tier below is closed past its end. That progress is the scope
 * stage's, so stream time rather than the clock closes a tier (a replay of a month closes a month
 * of windows), and a tier window closes whether or not every lower window came: a scope whose nodes
 * were down for part of the hour still gets its hour. Only open tier windows are kept: for each
 * scope, the one in progress (and the next, while the lower tier crosses the boundary).
 */
final class TierWindowCloser implements Processor<String, TierRecord, String, TierRecord> {

  private final RollupTier tier;
  private final String windowStoreName;
  private final String progressStoreName;
  private final StreamsAppMetrics metrics;
  private ProcessorContext<String, TierRecord> context;
  private KeyValueStore<String, TierWindowState> openWindows;
  private ClosedThroughWatermark watermark;

  TierWindowCloser(
      RollupTier tier,
      String windowStoreName,
      String progressStoreName,
      StreamsAppMetrics metrics) {
    this.tier = tier;
    this.windowStoreName = windowStoreName;
    this.progressStoreName = progressStoreName;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, TierRecord> context) {
    this.context = context;
    this.openWindows = context.getStateStore(windowStoreName);
    this.watermark =
        new ClosedThroughWatermark(context.getStateStore(progressStoreName), tier.name());
  }

  @Override
  public void process(Record<String, TierRecord> record) {
    TierRecord input = record.value();
    if (!input.isWindow()) {
      closeThrough(input.closedThroughMs(), record.timestamp());
      return;
    }
    ScopeAggregate lower = input.window().getAggregate();
    long windowEndMs = tier.windowEndHolding(lower.getWindowEndMs(), lower.getWindowSizeMs());
    if (watermark.covers(windowEndMs)) {
      metrics.lateRollupWindowDropped();
      return;
    }
    String key = WindowStoreKey.of(windowEndMs, RollupWindows.scopeKey(lower));
    TierWindowState window = openWindows.get(key);
    if (window == null) {
      window = TierWindowMerger.open(tier, lower, windowEndMs);
    }
    if (TierWindowMerger.add(window, input.window())) {
      openWindows.put(key, window);
    }
  }

  /**
   * Hands on every open window ending at or before {@code windowEndMs}, in order of their end, and
   * then the progress itself, so that the next tier closes what these complete.
   */
  private void closeThrough(long windowEndMs, long timestampMs) {
    if (watermark.covers(windowEndMs)) {
      return;
    }
    for (TierWindowState window : watermark.closeThrough(openWindows, windowEndMs)) {
      TierWindowState finished = TierWindowMerger.finish(window);
      context.forward(
          new Record<>(
              RollupWindows.key(finished.getAggregate()),
              TierRecord.closed(finished),
              finished.getAggregate().getWindowEndMs()));
    }
    context.forward(
        new Record<>(
            PartialCombiner.PROGRESS_KEY, TierRecord.closedThrough(windowEndMs), timestampMs));
  }
}
