package io.fleetpulse.streams.aggregate;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.streams.state.ScopeAggregate;

/**
 * One output of the scope stage: a closed window, as published and as the aggregate the rollup
 * tiers merge, or how far every window of the task is closed now. Lives only between processors, so
 * it needs no serde.
 */
public record ScopeStageOutput(FleetWindow window, ScopeAggregate aggregate, Long closedThroughMs) {

  static ScopeStageOutput closed(FleetWindow window, ScopeAggregate aggregate) {
    return new ScopeStageOutput(window, aggregate, null);
  }

  static ScopeStageOutput closedThrough(long windowEndMs) {
    return new ScopeStageOutput(null, null, windowEndMs);
  }

  public boolean isWindow() {
    return window != null;
  }
}
