package io.fleetpulse.cli.pipelinebench;

/**
 * A fleet-scope window as the sink first held it, beside the simulator's truth for the same span.
 *
 * @param window the window's name, e.g. 10s
 * @param startMs its start, epoch milliseconds
 * @param endMs its end (exclusive)
 * @param arrivalMs when the sink was first seen holding it
 * @param tokensPerSecond the fleet's generation tokens/s the sink holds
 * @param truthTokensPerSecond the simulator's generation tokens/s over the same span
 * @param nodesUp the nodes the window counts as up
 */
public record WindowArrival(
    String window,
    long startMs,
    long endMs,
    long arrivalMs,
    double tokensPerSecond,
    double truthTokensPerSecond,
    int nodesUp) {

  /** Arrival minus the window's end: how long after it could first be known it was on the sink. */
  public long freshnessMs() {
    return arrivalMs - endMs;
  }

  /** |sink − truth| / truth; 0 when both are 0. */
  public double relativeError() {
    if (truthTokensPerSecond == 0) {
      return tokensPerSecond == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.abs(tokensPerSecond - truthTokensPerSecond) / truthTokensPerSecond;
  }
}
