package io.fleetpulse.sink.exposition;

import io.fleetpulse.schemas.LatencyQuantile;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.HashSet;
import java.util.Set;

/**
 * The latency quantiles of one family (e.g. {@code time_to_first_token}) in a window, one series per quantile
 * and source ({@code histogram} or {@code events}).
 */
final class LatencySeries {

  private LatencySeries() {}

  static WindowMetric.Series of(String family) {
    return (window, point) -> {
      // A producer listing one quantile twice must not make the whole scrape fail on duplicate series.
      Set<Labels> seen = new HashSet<>();
      for (LatencyQuantile quantile : window.getLatency()) {
        if (quantile.getFamily().equals(family)) {
          Labels labels = Labels.of(
              "quantile", Double.toString(quantile.getQuantile()), "source", quantile.getSource());
          if (seen.add(labels)) {
            point.accept(labels, quantile.getValue());
          }
        }
      }
    };
  }
}
