package io.fleetpulse.sink.status;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.LatencySource;

/**
 * A window's latency quantiles as one number each: the histogram's where there is one, else the
 * events'.
 */
final class LatencyView {

  private final FleetWindow window;

  private LatencyView(FleetWindow window) {
    this.window = window;
  }

  static LatencyView of(FleetWindow window) {
    return new LatencyView(window);
  }

  Double quantile(LatencyFamily family, double quantile) {
    Double events = null;
    for (LatencyQuantile entry : window.getLatency()) {
      if (entry.getFamily().equals(family.id())
          && entry.getQuantile() == quantile
          && !Double.isNaN(entry.getValue())) {
        if (LatencySource.HISTOGRAM.id().equals(entry.getSource())) {
          return entry.getValue();
        }
        events = entry.getValue();
      }
    }
    return events;
  }
}
