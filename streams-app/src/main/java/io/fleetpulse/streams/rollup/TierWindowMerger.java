package io.fleetpulse.streams.rollup;

import io.fleetpulse.streams.aggregate.ScopeAggregates;
import io.fleetpulse.streams.state.ScopeAggregate;
import io.fleetpulse.streams.state.TierWindowState;
import java.util.ArrayList;

/**
 * Merges closed lower windows into a tier window with the scope stage's own merge, over time:
 * counters, bucket increases, sketches and gauge statistics add up exactly as across nodes, so a
 * tier window holds what one window of its size over the same data would, and its quantiles come
 * from merged buckets and sketches.
 */
final class TierWindowMerger {

  private static final double MS_PER_SECOND = 1000.0;

  private TierWindowMerger() {}

  /** A closed live window as a lower window of the first tier. */
  static TierWindowState ofLive(ScopeAggregate live) {
    double seconds = live.getWindowSizeMs() / MS_PER_SECOND;
    return new TierWindowState(
        live, 1, live.getNodesUp() * seconds, live.getNodesDown() * seconds, new ArrayList<>());
  }

  /** The tier window ending at {@code windowEndMs} of {@code lower}'s scope, with nothing in it. */
  static TierWindowState open(RollupTier tier, ScopeAggregate lower, long windowEndMs) {
    return new TierWindowState(
        ScopeAggregates.empty(lower, tier.sizeMs(), windowEndMs), 0, 0.0, 0.0, new ArrayList<>());
  }

  /**
   * Adds {@code lower} into {@code window}, unless a window with its end was added before: a
   * restarted or replayed stage may hand the same window on twice, and it must count once.
   *
   * @return whether it was added
   */
  static boolean add(TierWindowState window, TierWindowState lower) {
    long lowerEndMs = lower.getAggregate().getWindowEndMs();
    if (window.getMergedEndsMs().contains(lowerEndMs)) {
      return false;
    }
    ScopeAggregates.mergeOverTime(window.getAggregate(), lower.getAggregate());
    window.setLowerWindows(window.getLowerWindows() + 1);
    window.setNodeSecondsUp(window.getNodeSecondsUp() + lower.getNodeSecondsUp());
    window.setNodeSecondsDown(window.getNodeSecondsDown() + lower.getNodeSecondsDown());
    window.getMergedEndsMs().add(lowerEndMs);
    return true;
  }

  /**
   * Completes a closed tier window: its rates are per second of the window, so a day's tokens per
   * second is its tokens over 86,400 s however much of it was observed (observed_ratio says how
   * much).
   */
  static TierWindowState finish(TierWindowState window) {
    ScopeAggregate aggregate = window.getAggregate();
    double seconds = aggregate.getWindowSizeMs() / MS_PER_SECOND;
    aggregate.getCounterRates().clear();
    aggregate
        .getCounters()
        .forEach((counter, total) -> aggregate.getCounterRates().put(counter, total / seconds));
    return window;
  }
}
