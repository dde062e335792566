package io.fleetpulse.cli.report;

import java.util.Arrays;

/** Order statistics of a handful of values, by the nearest-rank definition. */
final class Percentiles {

  private Percentiles() {}

  /** The value at rank ceil(q·n) of the sorted values; null for none. */
  static Double of(double[] values, double q) {
    if (values.length == 0) {
      return null;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
