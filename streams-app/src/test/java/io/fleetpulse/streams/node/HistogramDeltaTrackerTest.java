package io.fleetpulse.streams.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.streams.profile.CanonicalHistogram;
import io.fleetpulse.streams.profile.HistogramSample;
import io.fleetpulse.streams.state.BucketCounts;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramDeltaTrackerTest {

  private static final List<Double> BOUNDS = List.of(0.1, 1.0);

  @Test
  void aSeriesSeenForTheFirstTimeContributesNothing() {
    HistogramDeltaTracker.Deltas deltas =
        HistogramDeltaTracker.track(Map.of(), List.of(ttft("0", BOUNDS, 1, 2, 3)));

    assertEquals(Map.of(), deltas.increases());
    assertEquals(1, deltas.series().size());
  }

  @Test
  void eachBucketIncreasesByItsDifferenceOrItsWholeValueWhenItWentDown() {
    Map<String, BucketCounts> previous =
        HistogramDeltaTracker.track(Map.of(), List.of(ttft("0", BOUNDS, 5, 10, 12))).series();

    HistogramDeltaTracker.Deltas deltas =
        HistogramDeltaTracker.track(previous, List.of(ttft("0", BOUNDS, 3, 12, 15)));

    assertEquals(
        Map.of("time_to_first_token", List.of(buckets(BOUNDS, 3, 2, 3))), deltas.increases());
  }

  @Test
  void ranksWithOneLayoutAddUpAndAnotherLayoutIsKeptApart() {
    List<Double> other = List.of(0.5);
    Map<String, BucketCounts> previous =
        HistogramDeltaTracker.track(
                Map.of(),
                List.of(
                    ttft("0", BOUNDS, 0, 0, 0), ttft("1", BOUNDS, 0, 0, 0), ttft("2", other, 0, 0)))
            .series();

    HistogramDeltaTracker.Deltas deltas =
        HistogramDeltaTracker.track(
            previous,
            List.of(
                ttft("0", BOUNDS, 1, 2, 2), ttft("1", BOUNDS, 0, 3, 4), ttft("2", other, 6, 7)));

    assertEquals(
        Map.of("time_to_first_token", List.of(buckets(BOUNDS, 1, 5, 6), buckets(other, 6, 7))),
        deltas.increases());
  }

  @Test
  void aSeriesWhoseBoundsChangedOrThatObservedNothingContributesNothing() {
    Map<String, BucketCounts> previous =
        HistogramDeltaTracker.track(
                Map.of(), List.of(ttft("0", BOUNDS, 1, 2, 3), ttft("1", BOUNDS, 1, 2, 3)))
            .series();

    HistogramDeltaTracker.Deltas deltas =
        HistogramDeltaTracker.track(
            previous,
            List.of(ttft("0", List.of(0.1, 0.5, 1.0), 1, 2, 3, 4), ttft("1", BOUNDS, 1, 2, 3)));

    assertEquals(Map.of(), deltas.increases());
    assertEquals(
        List.of(0.1, 0.5, 1.0), deltas.series().get(ttft("0", BOUNDS).seriesKey()).getBounds());
  }

  private static HistogramSample ttft(String rank, List<Double> bounds, double... cumulative) {
    return new HistogramSample(
        CanonicalHistogram.TIME_TO_FIRST_TOKEN,
        "vllm:time_to_first_token_seconds",
        Map.of("engine", rank),
        bounds,
        counts(cumulative));
  }

  private static BucketCounts buckets(List<Double> bounds, double... cumulative) {
    return new BucketCounts(bounds, counts(cumulative));
  }

  private static List<Double> counts(double... cumulative) {
    return Arrays.stream(cumulative).boxed().toList();
  }
}
