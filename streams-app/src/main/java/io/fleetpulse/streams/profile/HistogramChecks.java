package io.fleetpulse.streams.profile;

import io.fleetpulse.schemas.Histogram;
import java.util.List;

/**
 * Whether a scraped histogram can be used: the shape the scrapes schema promises, checked rather
 * than trusted.
 */
final class HistogramChecks {

  private HistogramChecks() {}

  /** What is wrong with {@code histogram}, or null when nothing is. */
  static String problem(Histogram histogram) {
    List<Double> bounds = histogram.getBounds();
    List<Double> counts = histogram.getCumulativeCounts();
    if (counts.size() != bounds.size() + 1) {
      return bounds.size()
          + " bounds but "
          + counts.size()
          + " counts (expected one more, for +Inf)";
    }
    for (int i = 0; i < bounds.size(); i++) {
      double bound = bounds.get(i);
      if (!Double.isFinite(bound) || (i > 0 && bound <= bounds.get(i - 1))) {
        return "bound " + bound + " is not finite and above the previous one";
      }
    }
    for (double count : counts) {
      if (!Double.isFinite(count) || count < 0) {
        return "bucket count " + count + " is not a finite, non-negative number";
      }
    }
    return null;
  }
}
