package io.fleetpulse.streams.rollup;

import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.window.TumblingWindows;
import java.util.List;

/**
 * One rollup tier: its name (as in {@link Topics#rollup}) and its window size. Its windows are
 * aligned to the epoch, as the live windows are, so each window of the tier below lies in exactly
 * one of its windows.
 */
public record RollupTier(String name, long sizeMs) {

  /**
   * The tiers, finest first: each is merged from the one before it, the first from live windows.
   */
  public static List<RollupTier> all() {
    return Topics.ROLLUP_TIERS.stream()
        .map(name -> new RollupTier(name, PrometheusDuration.parse(name).toMillis()))
        .toList();
  }

  /** The end of this tier's window that holds the lower window ending at {@code lowerEndMs}. */
  public long windowEndHolding(long lowerEndMs, long lowerSizeMs) {
    return TumblingWindows.endOfWindowContaining(lowerEndMs - lowerSizeMs, sizeMs);
  }

  /** Whether windows of {@code lowerSizeMs} tile this tier's windows. */
  public boolean tiledBy(long lowerSizeMs) {
    return lowerSizeMs > 0 && lowerSizeMs <= sizeMs && sizeMs % lowerSizeMs == 0;
  }
}
