package io.fleetpulse.simulator.batching;

/**
 * A request as it leaves the engine, with the phase times vLLM's per-request histograms observe.
 *
 * @param prefillComputedTokens prompt tokens computed rather than served from the prefix cache
 * @param endMicros engine time the request finished at, so listeners can place it on the wall clock
 * @param clientTimedOut the client gave up (a timeout from the scenario); the reason is then abort
 */
public record FinishedRequest(
    FinishReason reason,
    int promptTokens,
    int generationTokens,
    int maxTokens,
    int prefillComputedTokens,
    double e2eSeconds,
    double queueSeconds,
    double prefillSeconds,
    double decodeSeconds,
    long endMicros,
    boolean clientTimedOut) {

  /** A request that ran its course or was cancelled by its user, not timed out. */
  public FinishedRequest(
      FinishReason reason,
      int promptTokens,
      int generationTokens,
      int maxTokens,
      int prefillComputedTokens,
      double e2eSeconds,
      double queueSeconds,
      double prefillSeconds,
      double decodeSeconds,
      long endMicros) {
    this(
        reason,
        promptTokens,
        generationTokens,
        maxTokens,
        prefillComputedTokens,
        e2eSeconds,
        queueSeconds,
        prefillSeconds,
        decodeSeconds,
        endMicros,
        false);
  }

  /**
   * Whether the request produced a token; one timed out before its first has no time to first
   * token.
   */
  public boolean hasFirstToken() {
    return generationTokens > 0;
  }

  /**
   * Queue plus prefill, capped at the end-to-end time a sum of rounded quotients can overshoot; NaN
   * without a first token.
   */
  public double timeToFirstTokenSeconds() {
    return hasFirstToken() ? Math.min(queueSeconds + prefillSeconds, e2eSeconds) : Double.NaN;
  }

  public double inferenceSeconds() {
    return prefillSeconds + decodeSeconds;
  }

  /** Mean gap between output tokens after the first; 0 for a one-token answer, which has no gap. */
  public double timePerOutputTokenSeconds() {
    return generationTokens > 1 ? decodeSeconds / (generationTokens - 1) : 0.0;
  }
}
