package io.fleetpulse.streams.node;

import static io.fleetpulse.streams.profile.CanonicalCounter.GENERATION_TOKENS;
import static io.fleetpulse.streams.profile.CanonicalCounter.PROMPT_TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.streams.profile.CanonicalCounter;
import io.fleetpulse.streams.profile.CounterSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterDeltaTrackerTest {

  @Test
  void aSeriesSeenForTheFirstTimeContributesNothing() {
    CounterDeltaTracker.Deltas deltas =
        CounterDeltaTracker.track(Map.of(), List.of(sample(GENERATION_TOKENS, "0", 5000)));

    assertEquals(Map.of("generation_tokens", 0.0), deltas.increases());
    assertEquals(Map.of(sample(GENERATION_TOKENS, "0", 0).seriesKey(), 5000.0), deltas.series());
  }

  @Test
  void theIncreaseIsTheDifferenceOrTheWholeValueAfterAReset() {
    Map<String, Double> previous =
        CounterDeltaTracker.track(
                Map.of(),
                List.of(sample(GENERATION_TOKENS, "0", 100), sample(PROMPT_TOKENS, "0", 900)))
            .series();

    CounterDeltaTracker.Deltas deltas =
        CounterDeltaTracker.track(
            previous, List.of(sample(GENERATION_TOKENS, "0", 130), sample(PROMPT_TOKENS, "0", 40)));

    assertEquals(Map.of("generation_tokens", 30.0, "prompt_tokens", 40.0), deltas.increases());
  }

  @Test
  void theSeriesOfOneCounterAreSummedAndANewRankAddsNothingYet() {
    Map<String, Double> previous =
        CounterDeltaTracker.track(
                Map.of(),
                List.of(sample(GENERATION_TOKENS, "0", 100), sample(GENERATION_TOKENS, "1", 200)))
            .series();

    CounterDeltaTracker.Deltas deltas =
        CounterDeltaTracker.track(
            previous,
            List.of(
                sample(GENERATION_TOKENS, "0", 110),
                sample(GENERATION_TOKENS, "1", 250),
                sample(GENERATION_TOKENS, "2", 999)));

    assertEquals(Map.of("generation_tokens", 60.0), deltas.increases());
    assertEquals(3, deltas.series().size());
  }

  @Test
  void aSeriesThatDisappearsIsForgottenAndCountsAsNewWhenItReturns() {
    Map<String, Double> both =
        CounterDeltaTracker.track(
                Map.of(),
                List.of(sample(GENERATION_TOKENS, "0", 100), sample(GENERATION_TOKENS, "1", 200)))
            .series();
    Map<String, Double> rankOneGone =
        CounterDeltaTracker.track(both, List.of(sample(GENERATION_TOKENS, "0", 110))).series();

    CounterDeltaTracker.Deltas deltas =
        CounterDeltaTracker.track(
            rankOneGone,
            List.of(sample(GENERATION_TOKENS, "0", 120), sample(GENERATION_TOKENS, "1", 500)));

    assertEquals(Map.of("generation_tokens", 10.0), deltas.increases());
  }

  @Test
  void aCounterTheScrapeLacksIsAbsentNotZero() {
    CounterDeltaTracker.Deltas deltas = CounterDeltaTracker.track(Map.of(), List.of());

    assertEquals(Map.of(), deltas.increases());
  }

  @Test
  void thePartsOfACounterAreSummedApart() {
    Map<String, Double> previous =
        CounterDeltaTracker.track(Map.of(), List.of(finished("stop", 10), finished("length", 5)))
            .series();

    CounterDeltaTracker.Deltas deltas =
        CounterDeltaTracker.track(previous, List.of(finished("stop", 17), finished("length", 6)));

    assertEquals(
        Map.of("requests_finished/stop", 7.0, "requests_finished/length", 1.0), deltas.increases());
  }

  private static CounterSample sample(CanonicalCounter counter, String engine, double value) {
    return new CounterSample(
        counter, null, counter.id() + "_total", Map.of("engine", engine, "model_name", "m"), value);
  }

  private static CounterSample finished(String reason, double value) {
    return new CounterSample(
        CanonicalCounter.REQUESTS_FINISHED,
        reason,
        "vllm:request_success_total",
        Map.of("engine", "0", "finished_reason", reason),
        value);
  }
}
