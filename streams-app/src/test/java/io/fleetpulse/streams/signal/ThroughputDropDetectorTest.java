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

class ThroughputDropDetectorTest {

  private static final SignalName DROP = SignalName.THROUGHPUT_DROP;

  private static List<SignalState> run(
      int count, IntToDoubleFunction tokens, IntToDoubleFunction running) {
    return states(
        SignalsConfig.defaults(),
        DROP,
        count,
        index ->
            TestWindows.cluster(index)
                .setGenerationTokensPerSecond(tokens.applyAsDouble(index))
                .setRequestsRunningSum(running.applyAsDouble(index))
                .setRequestsWaitingSum(0.0)
                .build());
  }

  @Test
  void aDropWhileDemandHoldsFiresAfterAMinuteAndResolves() {
    List<SignalState> states =
        run(120, index -> index < 70 || index >= 90 ? 1000 : 300, index -> 100);
    assertEquals(70, first(states, SignalState.PENDING));
    assertEquals(76, first(states, SignalState.FIRING));
    assertEquals(1, count(states, SignalState.RESOLVED));
  }

  @Test
  void throughputFallingWithDemandIsAQuietHour() {
    assertEquals(
        0,
        count(
            run(120, index -> index < 70 ? 1000 : 300, index -> index < 70 ? 100 : 30),
            SignalState.PENDING));
  }

  @Test
  void anIdleScopeNeverDrops() {
    assertEquals(
        0, count(run(120, index -> index % 3 == 0 ? 0.5 : 0, index -> 1), SignalState.PENDING));
  }

  @Test
  void flappingDoesNotFire() {
    assertEquals(
        0,
        count(
            run(200, index -> index < 70 || index % 2 == 0 ? 1000 : 300, index -> 100),
            SignalState.FIRING));
  }

  @Test
  void warmsUpForTenMinutesAndNeedsItsInputs() {
    assertEquals(
        0, count(run(60, index -> index < 5 ? 1000 : 100, index -> 100), SignalState.PENDING));
    List<SignalState> states =
        states(
            SignalsConfig.defaults(),
            DROP,
            5,
            index -> TestWindows.cluster(index).setRequestsRunningSum(10.0).build());
    assertTrue(states.stream().allMatch(state -> state == null));
  }
}
