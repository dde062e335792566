package io.fleetpulse.streams.stats;

import static io.fleetpulse.streams.profile.CanonicalCounter.GENERATION_COMPUTE_SECONDS;
import static io.fleetpulse.streams.profile.CanonicalCounter.GENERATION_COMPUTE_TOKENS;
import static io.fleetpulse.streams.profile.CanonicalCounter.GENERATION_TOKENS;
import static io.fleetpulse.streams.profile.CanonicalCounter.PREEMPTIONS;
import static io.fleetpulse.streams.profile.CanonicalCounter.PREFIX_CACHE_HITS;
import static io.fleetpulse.streams.profile.CanonicalCounter.PREFIX_CACHE_QUERIES;
import static io.fleetpulse.streams.profile.CanonicalCounter.PROMPT_TOKENS;
import static io.fleetpulse.streams.profile.CanonicalCounter.REQUESTS_FINISHED;

import io.fleetpulse.streams.profile.CanonicalCounter;
import java.util.HashMap;
import java.util.Map;

/**
 * The rates and ratios published from counter increases summed over a span of time. Each is null
 * when no contributing node provides its counter (or, for a ratio, when the denominator did not
 * grow), never zero.
 */
public record CounterRates(
    Double generationTokensPerSecond,
    Double promptTokensPerSecond,
    Map<String, Double> requestsPerSecondByOutcome,
    Double preemptionsPerSecond,
    Double prefixCacheHitRatio,
    Double generationComputeSecondsPerToken) {

  public static CounterRates absent() {
    return new CounterRates(null, null, null, null, null, null);
  }

  /**
   * @param increases summed increases by canonical counter key
   * @param seconds the span they were measured over
   */
  public static CounterRates over(Map<String, Double> increases, double seconds) {
    Map<String, Double> requests = new HashMap<>();
    increases.forEach(
        (key, increase) ->
            REQUESTS_FINISHED
                .partOf(key)
                .ifPresent(outcome -> requests.put(outcome, increase / seconds)));
    return new CounterRates(
        perSecond(increases, GENERATION_TOKENS, seconds),
        perSecond(increases, PROMPT_TOKENS, seconds),
        requests.isEmpty() ? null : requests,
        perSecond(increases, PREEMPTIONS, seconds),
        ratio(increases, PREFIX_CACHE_HITS, PREFIX_CACHE_QUERIES),
        ratio(increases, GENERATION_COMPUTE_SECONDS, GENERATION_COMPUTE_TOKENS));
  }

  private static Double perSecond(
      Map<String, Double> increases, CanonicalCounter counter, double seconds) {
    Double increase = increases.get(counter.id());
    return increase == null ? null : increase / seconds;
  }

  private static Double ratio(
      Map<String, Double> increases, CanonicalCounter numerator, CanonicalCounter denominator) {
    Double above = increases.get(numerator.id());
    Double below = increases.get(denominator.id());
    return above == null || below == null || below <= 0 ? null : above / below;
  }
}
