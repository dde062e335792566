package io.fleetpulse.streams.signal;

import java.time.Duration;

/**
 * An exponentially weighted moving average whose weight depends on the time since its last update,
 * not on a count of updates: its half-life stays the same whatever the window size or a gap in the
 * input.
 */
public final class Ewma {

  private Ewma() {}

  /**
   * The average after {@code value} arrived {@code elapsedMs} after the previous one; a null
   * previous starts it.
   */
  public static double next(Double previous, double value, long elapsedMs, Duration halfLife) {
    if (previous == null || previous.isNaN()) {
      return value;
    }
    double weight = 1 - Math.pow(0.5, Math.max(0, elapsedMs) / (double) halfLife.toMillis());
    return previous + weight * (value - previous);
  }
}
