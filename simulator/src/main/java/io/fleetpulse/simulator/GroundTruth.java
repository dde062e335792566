package io.fleetpulse.simulator;

/**
 * What simulated nodes really did between two wall-clock instants (epoch milliseconds). For one
 * node and times without a restart in between, the answer is exactly the increase of the served
 * counter: the value /metrics showed at {@code to} minus the one it showed at {@code from}. Across
 * a restart it counts the tokens processed, not the counter, which fell back to zero.
 */
public interface GroundTruth {

  /**
   * @throws IllegalArgumentException when {@code from > to}, {@code to} is in the future, or the
   *     history no longer reaches back to {@code from}
   */
  double generationTokensBetween(long fromEpochMs, long toEpochMs);

  /**
   * Prompt tokens, counted once per request when its first prefill completes (as vLLM counts them).
   */
  double promptTokensBetween(long fromEpochMs, long toEpochMs);

  default double generationTokensPerSecond(long fromEpochMs, long toEpochMs) {
    if (toEpochMs <= fromEpochMs) {
      throw new IllegalArgumentException(
          "a rate needs a non-empty interval, got [" + fromEpochMs + ", " + toEpochMs + "]");
    }
    return generationTokensBetween(fromEpochMs, toEpochMs) * 1000.0 / (toEpochMs - fromEpochMs);
  }
}
