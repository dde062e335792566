package io.fleetpulse.streams.signal;

import static io.fleetpulse.streams.signal.Evaluations.count;
import static io.fleetpulse.streams.signal.Evaluations.first;
import static io.fleetpulse.streams.signal.Evaluations.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.SignalName;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class PreemptionStormDetectorTest {

  private static final SignalName STORM = SignalName.PREEMPTION_STORM;

  private static List<SignalState> run(
      int count, double tokensPerSecond, IntToDoubleFunction preemptions) {
    return states(
        SignalsConfig.defaults(),
        STORM,
        count,
        index ->
            TestWindows.cluster(index)
                .setGenerationTokensPerSecond(tokensPerSecond)
                .setPreemptionsPerSecond(preemptions.applyAsDouble(index))
                .build());
  }

  @Test
  void preemptionsPerThousandTokensFireAndResolve() {
    List<SignalState> states = run(40, 1000, index -> index < 10 ? 0 : index < 25 ? 3 : 0);
    assertEquals(10, first(states, SignalState.PENDING));
    assertEquals(13, first(states, SignalState.FIRING));
    assertEquals(1, count(states, SignalState.RESOLVED));
  }

  @Test
  void theSameRateOnABiggerFleetIsNoStorm() {
    assertEquals(0, count(run(40, 100_000, index -> index < 10 ? 0 : 3), SignalState.PENDING));
  }

  @Test
  void aRarePreemptionOnANearlyIdleScopeDoesNotCount() {
    assertEquals(0, count(run(40, 10, index -> 0.05), SignalState.PENDING));
  }

  @Test
  void flappingAroundTheLevelDoesNotFire() {
    assertEquals(0, count(run(100, 1000, index -> index % 2 == 0 ? 1.2 : 0.3), SignalState.FIRING));
  }

  @Test
  void warmsUpAndSkipsWindowsWithoutTheCounters() {
    assertEquals(
        6, first(run(20, 1000, index -> 5), SignalState.PENDING), "one minute of history first");
    List<SignalState> states =
        states(
            SignalsConfig.defaults(),
            STORM,
            5,
            index -> TestWindows.cluster(index).setGenerationTokensPerSecond(1000.0).build());
    assertTrue(
        states.stream().allMatch(state -> state == null),
        "an engine without preemptions says nothing");
  }
}
