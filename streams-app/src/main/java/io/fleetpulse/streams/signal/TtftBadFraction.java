package io.fleetpulse.streams.signal;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Estimates the share of a window's requests slower than an SLO threshold from its published
 * quantiles alone (the window keeps no per-request data): find where the threshold falls among
 * p50/p90/p95/p99 and interpolate the quantile linearly between the two around it (below the
 * lowest, between a latency of 0 at quantile 0 and the lowest). Above the highest quantile the
 * estimate is 0: the true share is somewhere under 1 - that quantile, below any burn rate worth
 * alerting on for the usual objectives.
 */
final class TtftBadFraction {

  private TtftBadFraction() {}

  /**
   * @param quantiles latency (seconds) by quantile, ascending
   */
  static double estimate(NavigableMap<Double, Double> quantiles, double thresholdSeconds) {
    double previousQuantile = 0;
    double previousValue = 0;
    for (Map.Entry<Double, Double> entry : quantiles.entrySet()) {
      double quantile = entry.getKey();
      // Sketch quantiles may dip by rounding; the curve is kept monotone.
      double value = Math.max(previousValue, entry.getValue());
      if (thresholdSeconds < value) {
        double share = (thresholdSeconds - previousValue) / (value - previousValue);
        double fastShare = previousQuantile + (quantile - previousQuantile) * Math.max(0, share);
        return 1 - fastShare;
      }
      previousQuantile = quantile;
      previousValue = value;
    }
    return 0;
  }
}
