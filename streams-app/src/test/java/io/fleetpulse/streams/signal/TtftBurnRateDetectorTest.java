package io.fleetpulse.streams.signal;

import static io.fleetpulse.streams.signal.Evaluations.count;
import static io.fleetpulse.streams.signal.Evaluations.first;
import static io.fleetpulse.streams.signal.Evaluations.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.LatencySource;
import io.fleetpulse.schemas.contract.SignalName;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class TtftBurnRateDetectorTest {

  private static final SignalName BURN = SignalName.TTFT_SLO_BURN;

  /**
   * A good window has p99 0.8 s; a bad one p50 3 s, so that about 3 in 4 requests miss the 2 s SLO.
   */
  private static FleetWindow ttft(int index, boolean bad, LatencySource source) {
    FleetWindow.Builder window = TestWindows.cluster(index);
    if (bad) {
      TestWindows.latency(window, LatencyFamily.TIME_TO_FIRST_TOKEN, source, 100, 3, 5, 6, 8);
    } else {
      TestWindows.latency(
          window, LatencyFamily.TIME_TO_FIRST_TOKEN, source, 100, 0.2, 0.4, 0.5, 0.8);
    }
    return window.build();
  }

  private static List<SignalState> run(int count, IntPredicate bad) {
    return states(
        SignalsConfig.defaults(),
        BURN,
        count,
        index -> ttft(index, bad.test(index), LatencySource.EVENTS));
  }

  @Test
  void firesWhenBothWindowsBurnAndClearsWithTheFastOne() {
    // 30 minutes good, then two in three requests slow: the 1 h window reaches 14.4x (14.4% slow)
    // after about
    // 50 bad windows; the 5 m window drops below once fewer than 14.4% of its requests were slow.
    List<SignalState> states = run(320, index -> index >= 180 && index < 260);
    int firing = first(states, SignalState.FIRING);
    assertTrue(firing > 220 && firing < 240, "fired at " + firing);
    assertEquals(0, count(states.subList(0, 180), SignalState.PENDING));
    int resolved = first(states, SignalState.RESOLVED);
    assertTrue(resolved > 260 && resolved < 300, "resolved at " + resolved);
  }

  @Test
  void aShortBurstDoesNotBurnTheSlowWindow() {
    assertEquals(0, count(run(400, index -> index >= 200 && index < 203), SignalState.FIRING));
  }

  @Test
  void theRequestCountWeighsEachWindow() {
    // The same bad windows with a tenth of the traffic stay under 14.4% of the hour's requests.
    List<SignalState> weighted =
        states(
            SignalsConfig.defaults(),
            BURN,
            300,
            index -> {
              FleetWindow.Builder window = TestWindows.cluster(index);
              boolean bad = index >= 180;
              TestWindows.latency(
                  window,
                  LatencyFamily.TIME_TO_FIRST_TOKEN,
                  LatencySource.HISTOGRAM,
                  bad ? 10 : 100,
                  bad ? 3 : 0.2,
                  bad ? 5 : 0.4,
                  bad ? 6 : 0.5,
                  bad ? 8 : 0.8);
              return window.build();
            });
    assertEquals(-1, first(weighted, SignalState.FIRING));
    assertTrue(
        first(run(300, index -> index >= 180), SignalState.FIRING) > 0, "at full traffic it fires");
  }

  @Test
  void withoutTtftNothingIsPublished() {
    List<SignalState> states =
        states(SignalsConfig.defaults(), BURN, 5, index -> TestWindows.cluster(index).build());
    assertTrue(states.stream().allMatch(state -> state == null), "TGI has no TTFT");
  }
}
