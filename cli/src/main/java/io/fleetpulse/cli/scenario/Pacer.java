package io.fleetpulse.cli.scenario;

import java.time.Instant;

/**
 * Holds a simulated-time run back so that simulated time runs {@code speedup} times the wall clock.
 */
final class Pacer {

  static final double MAX_SPEEDUP = 1_000_000;

  private final double speedup;
  private final Instant simulatedStart;
  private final long wallStartNanos;

  /**
   * @param speedup 0 for as fast as possible, else how many simulated seconds pass per wall second
   */
  Pacer(double speedup, Instant simulatedStart) {
    if (!(speedup >= 0 && speedup <= MAX_SPEEDUP)) {
      throw new IllegalArgumentException(
          "speedup must be between 0 (as fast as possible) and "
              + MAX_SPEEDUP
              + ", got "
              + speedup);
    }
    this.speedup = speedup;
    this.simulatedStart = simulatedStart;
    this.wallStartNanos = System.nanoTime();
  }

  void awaitSimulated(Instant simulated) {
    if (speedup == 0) {
      return;
    }
    long simulatedNanos =
        Math.max(0, simulated.toEpochMilli() - simulatedStart.toEpochMilli()) * 1_000_000;
    long dueNanos = wallStartNanos + (long) (simulatedNanos / speedup);
    long aheadNanos = dueNanos - System.nanoTime();
    if (aheadNanos > 0) {
      try {
        Thread.sleep(aheadNanos / 1_000_000, (int) (aheadNanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the paced scenario run was interrupted", e);
      }
    }
  }
}
