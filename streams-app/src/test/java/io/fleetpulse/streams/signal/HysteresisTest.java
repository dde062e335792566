package io.fleetpulse.streams.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.streams.state.DetectorState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HysteresisTest {

  private static final Evaluation ABOVE = new Evaluation(1, 1, true, false, "above");
  private static final Evaluation BETWEEN = new Evaluation(0.9, 1, false, false, "between");
  private static final Evaluation BELOW = new Evaluation(0.5, 1, false, true, "below");

  /** One evaluation every 10 s, pending for 30 s, kept firing 20 s after it clears. */
  private static List<SignalState> run(boolean warmedUp, Evaluation... evaluations) {
    DetectorState state = DetectorMemory.fresh(0);
    List<SignalState> states = new ArrayList<>();
    for (int i = 0; i < evaluations.length; i++) {
      long nowMs = (i + 1) * 10_000L;
      Hysteresis hysteresis =
          Hysteresis.timed(nowMs, Duration.ofSeconds(30), Duration.ofSeconds(20));
      states.add(hysteresis.step(state, evaluations[i], nowMs, warmedUp));
    }
    return states;
  }

  @Test
  void firesOnlyAfterThePendingTime() {
    assertEquals(
        List.of(SignalState.PENDING, SignalState.PENDING, SignalState.PENDING, SignalState.FIRING),
        run(true, ABOVE, ABOVE, ABOVE, ABOVE));
  }

  @Test
  void aValueBetweenTheThresholdsKeepsTheStateItHas() {
    assertEquals(
        List.of(
            SignalState.INACTIVE,
            SignalState.PENDING,
            SignalState.PENDING,
            SignalState.PENDING,
            SignalState.FIRING,
            SignalState.FIRING),
        run(true, BETWEEN, ABOVE, BETWEEN, BETWEEN, BETWEEN, BETWEEN));
  }

  @Test
  void clearingWhilePendingGoesBackToInactive() {
    assertEquals(
        List.of(
            SignalState.PENDING, SignalState.PENDING, SignalState.INACTIVE, SignalState.PENDING),
        run(true, ABOVE, ABOVE, BELOW, ABOVE));
  }

  @Test
  void resolvesOnceAfterStayingClearThenGoesInactive() {
    assertEquals(
        List.of(
            SignalState.PENDING,
            SignalState.PENDING,
            SignalState.PENDING,
            SignalState.FIRING,
            SignalState.FIRING,
            SignalState.FIRING,
            SignalState.RESOLVED,
            SignalState.INACTIVE),
        run(true, ABOVE, ABOVE, ABOVE, ABOVE, BELOW, BELOW, BELOW, BELOW));
  }

  @Test
  void aShortDipDoesNotResolve() {
    assertEquals(
        SignalState.FIRING,
        run(true, ABOVE, ABOVE, ABOVE, ABOVE, BELOW, ABOVE, BELOW, ABOVE).get(7));
  }

  @Test
  void aValueOscillatingAroundTheThresholdNeverFires() {
    Evaluation[] flapping = new Evaluation[60];
    for (int i = 0; i < flapping.length; i++) {
      flapping[i] = i % 2 == 0 ? ABOVE : BELOW;
    }
    assertEquals(0, Evaluations.count(run(true, flapping), SignalState.FIRING));
  }

  @Test
  void aValueOscillatingWhileFiringFiresOnceAndStays() {
    Evaluation[] flapping = new Evaluation[40];
    for (int i = 0; i < flapping.length; i++) {
      flapping[i] = i < 4 || i % 2 == 0 ? ABOVE : BELOW;
    }
    List<SignalState> states = run(true, flapping);
    assertEquals(0, Evaluations.count(states, SignalState.RESOLVED));
    assertEquals(SignalState.FIRING, states.get(states.size() - 1));
  }

  @Test
  void staysInactiveUntilWarmedUp() {
    assertEquals(List.of(SignalState.INACTIVE, SignalState.INACTIVE), run(false, ABOVE, ABOVE));
  }

  @Test
  void firesAtOnceWithoutPendingTime() {
    DetectorState state = DetectorMemory.fresh(0);
    Hysteresis hysteresis = Hysteresis.timed(10_000, Duration.ZERO, Duration.ZERO);
    assertEquals(SignalState.FIRING, hysteresis.step(state, ABOVE, 10_000, true));
    assertEquals(10_000, state.getSinceMs());
  }
}
