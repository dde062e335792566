package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.LatencyTotal;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.LatencySource;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One latency family's quantiles and request count in a window, from one source: request events
 * where the window has them (1% accurate), else histogram buckets. Quantiles and count always come
 * from the same source.
 *
 * @param quantiles value (seconds) by quantile, ascending
 */
record WindowLatencies(TreeMap<Double, Double> quantiles, double count) {

  private static final List<LatencySource> PREFERENCE =
      List.of(LatencySource.EVENTS, LatencySource.HISTOGRAM);

  static Optional<WindowLatencies> of(FleetWindow window, LatencyFamily family) {
    for (LatencySource source : PREFERENCE) {
      TreeMap<Double, Double> quantiles = new TreeMap<>();
      for (LatencyQuantile quantile : window.getLatency()) {
        if (quantile.getFamily().equals(family.id())
            && quantile.getSource().equals(source.id())
            && Double.isFinite(quantile.getValue())) {
          quantiles.put(quantile.getQuantile(), quantile.getValue());
        }
      }
      if (!quantiles.isEmpty()) {
        return Optional.of(new WindowLatencies(quantiles, count(window, family, source)));
      }
    }
    return Optional.empty();
  }

  /** The value at exactly {@code quantile}, when the window published it. */
  Optional<Double> at(double quantile) {
    return Optional.ofNullable(quantiles.get(quantile));
  }

  private static double count(FleetWindow window, LatencyFamily family, LatencySource source) {
    for (LatencyTotal total : window.getLatencyTotals()) {
      if (total.getFamily().equals(family.id()) && total.getSource().equals(source.id())) {
        return Math.max(0, total.getCount());
      }
    }
    return 0;
  }
}
