package io.fleetpulse.streams.signal;

import static io.fleetpulse.streams.signal.Evaluations.count;
import static io.fleetpulse.streams.signal.Evaluations.first;
import static io.fleetpulse.streams.signal.Evaluations.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.SignalName;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class CapacityReachedDetectorTest {

  private static final SignalName CAPACITY = SignalName.CAPACITY_REACHED;

  private static List<SignalState> run(
      int count, IntToDoubleFunction running, IntToDoubleFunction waiting) {
    return states(
        SignalsConfig.defaults(),
        CAPACITY,
        count,
        index ->
            TestWindows.cluster(index)
                .setRequestsRunningSum(running.applyAsDouble(index))
                .setRequestsWaitingSum(waiting.applyAsDouble(index))
                .build());
  }

  @Test
  void aGrowingQueueWhileRunningIsFlatFiresAndAStillQueueResolves() {
    List<SignalState> states =
        run(90, index -> 200, index -> index < 20 ? 0 : index < 50 ? 5.0 * (index - 20) : 150);
    int pending = first(states, SignalState.PENDING);
    assertTrue(pending >= 20 && pending < 30, "pending at " + pending);
    assertEquals(pending + 3, first(states, SignalState.FIRING));
    assertEquals(
        1,
        count(states, SignalState.RESOLVED),
        "a queue that stops growing is no longer the signal");
  }

  @Test
  void aQueueWhileRunningStillClimbsIsABurstNotALimit() {
    assertEquals(
        0,
        count(
            run(45, index -> 50 + 10.0 * index, index -> index < 20 ? 0 : 5.0 * (index - 20)),
            SignalState.PENDING));
  }

  @Test
  void aNoisyQueueAtAFlatLevelDoesNotFire() {
    Random random = new Random(1);
    double[] waiting = new double[400];
    for (int i = 0; i < waiting.length; i++) {
      waiting[i] = Math.max(0, 10 + 4 * random.nextGaussian());
    }
    assertEquals(0, count(run(400, index -> 200, index -> waiting[index]), SignalState.FIRING));
  }

  @Test
  void warmsUpFirstAndNeedsBothGauges() {
    List<SignalState> states = run(12, index -> 200, index -> 10.0 * index);
    assertEquals(0, count(states, SignalState.PENDING), "2 minutes of history first");
    List<SignalState> noWaiting =
        states(
            SignalsConfig.defaults(),
            CAPACITY,
            5,
            index -> TestWindows.cluster(index).setRequestsRunningSum(200.0).build());
    assertTrue(noWaiting.stream().allMatch(state -> state == null));
  }
}
