package io.fleetpulse.streams.rollup;

import io.fleetpulse.streams.state.TierWindowState;

/**
 * What flows into and out of a rollup tier: a closed window of the tier below (or of the live
 * windows), or how far every window below is closed. Lives only between processors, so it needs no
 * serde.
 */
public record TierRecord(TierWindowState window, Long closedThroughMs) {

  static TierRecord closed(TierWindowState window) {
    return new TierRecord(window, null);
  }

  static TierRecord closedThrough(long windowEndMs) {
    return new TierRecord(null, windowEndMs);
  }

  public boolean isWindow() {
    return window != null;
  }
}
