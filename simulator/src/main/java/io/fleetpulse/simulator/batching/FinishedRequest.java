package io.fleetpulse.simulator.batching;

/**
 * A request as it leaves the engine, with the phase times vLLM's per-request histograms observe.
 *
 * @param prefillComputedTokens prompt tokens computed rather than served from the prefix cache
 * @param endMicros             engine time the request finished at, so listeners can place it on the wall clock
 */
public record FinishedRequest(FinishReason reason, int promptTokens, int generationTokens, int maxTokens,
                              int prefillComputedTokens, double e2eSeconds, double queueSeconds,
                              double prefillSeconds, double decodeSeconds, long endMicros) {

    public double inferenceSeconds() {
        return prefillSeconds + decodeSeconds;
    }

    /** Mean gap between output tokens after the first; 0 for a one-token answer, which has no gap. */
    public double timePerOutputTokenSeconds() {
        return generationTokens > 1 ? decodeSeconds / (generationTokens - 1) : 0.0;
    }
}
