package io.fleetpulse.simulator.batching;

/**
 * What one finished engine step did.
 *
 * @param endMicros engine time the step ended
 * @param durationMicros how long it ran
 * @param decodeTokens tokens produced by requests that were already decoding (one inter-token gap
 *     each)
 * @param scheduledTokens prompt tokens computed plus decode tokens: the step's work
 * @param promptTokens prompt lengths of the requests whose first prefill finished (vLLM counts each
 *     prompt once)
 * @param cachedPromptTokens of those, the tokens served from the prefix cache
 * @param generationTokens output tokens produced, one per request in the batch
 * @param prefixQueryTokens tokens looked up in the prefix cache by this step's prefills
 *     (recomputations included)
 * @param prefixHitTokens of those, the tokens found
 * @param prefillRequests requests admitted into the batch by this step (new, or back after
 *     preemption)
 */
public record StepReport(
    long endMicros,
    long durationMicros,
    int decodeTokens,
    int scheduledTokens,
    int promptTokens,
    int cachedPromptTokens,
    int generationTokens,
    int prefixQueryTokens,
    int prefixHitTokens,
    int prefillRequests) {

  /** Prompt tokens computed (not served from the cache) by this step's prefills. */
  public int prefillComputeTokens() {
    return scheduledTokens - decodeTokens;
  }

  public double durationSeconds() {
    return durationMicros / 1e6;
  }
}
