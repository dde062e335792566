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
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class QueueTimeRisingDetectorTest {

  private static final SignalName QUEUE = SignalName.QUEUE_TIME_RISING;

  private static FleetWindow queue(int index, double p99) {
    FleetWindow.Builder window = TestWindows.cluster(index);
    TestWindows.latency(
        window,
        LatencyFamily.QUEUE_TIME,
        LatencySource.HISTOGRAM,
        100,
        p99 / 4,
        p99 / 2,
        p99 / 1.5,
        p99);
    return window.build();
  }

  private static List<SignalState> run(int count, IntToDoubleFunction p99) {
    return states(
        SignalsConfig.defaults(), QUEUE, count, index -> queue(index, p99.applyAsDouble(index)));
  }

  @Test
  void aFastLargeRiseFiresAndResolvesWhenTheQueueDrains() {
    List<SignalState> states = run(80, index -> index < 40 ? 0.05 : index < 60 ? 1.2 : 0.05);
    assertEquals(40, first(states, SignalState.PENDING));
    assertEquals(43, first(states, SignalState.FIRING));
    assertEquals(1, count(states, SignalState.RESOLVED));
    assertEquals(SignalState.INACTIVE, states.get(79));
  }

  @Test
  void anIdleFleetsJitterNeverReachesTheFloor() {
    assertEquals(0, count(run(200, index -> index % 7 == 0 ? 0.02 : 0.0002), SignalState.PENDING));
  }

  @Test
  void theBaselineFollowsASlowRise() {
    // Queue time triples over six hours: slow change, not an incident.
    List<SignalState> states = run(2160, index -> 0.3 + 0.6 * index / 2160.0);
    assertEquals(0, count(states, SignalState.PENDING));
  }

  @Test
  void warmsUpBeforeJudging() {
    List<SignalState> states = run(40, index -> index < 2 ? 0.01 : 2.0);
    assertEquals(30, first(states, SignalState.PENDING), "5 minutes of history first");
  }

  @Test
  void oscillatingAroundTheThresholdDoesNotFire() {
    List<SignalState> states = run(200, index -> index < 40 ? 0.2 : index % 2 == 0 ? 0.65 : 0.25);
    assertEquals(0, count(states, SignalState.FIRING));
  }

  @Test
  void withoutQueueTimeNothingIsPublished() {
    List<SignalState> states =
        states(SignalsConfig.defaults(), QUEUE, 5, index -> TestWindows.cluster(index).build());
    assertTrue(states.stream().allMatch(state -> state == null));
  }
}
