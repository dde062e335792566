package io.fleetpulse.streams.aggregate;

import java.util.List;

/**
 * Statistics of one gauge across the nodes of a scope; each is null for no values, so a gauge no node
 * provides stays absent instead of reading as zero.
 */
final class GaugeStatistics {

  private GaugeStatistics() {}

  static Double sum(List<Double> values) {
    return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).sum();
  }

  static Double max(List<Double> values) {
    return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  static Double mean(List<Double> values) {
    return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  /**
   * The q-quantile as PromQL's {@code quantile()} computes it, so the number can be checked against
   * Prometheus: rank q*(n-1) in the sorted values, linear interpolation between the two closest ranks.
   */
  static Double quantile(double q, List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double rank = q * (sorted.length - 1);
    int lower = (int) Math.max(0, Math.floor(rank));
    int upper = Math.min(sorted.length - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return sorted[lower] * (1 - weight) + sorted[upper] * weight;
  }
}
