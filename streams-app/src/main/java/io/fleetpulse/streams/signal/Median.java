package io.fleetpulse.streams.signal;

import java.util.Arrays;
import java.util.Collection;

/** The median of a few values (the middle one, or the mean of the two middle ones). */
public final class Median {

  private Median() {}

  public static double of(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
