package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.streams.state.DetectorState;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The state machine every detector shares: INACTIVE -> PENDING when the value enters (only once
 * warmed up), PENDING -> FIRING once the condition has held long enough, back to INACTIVE if it
 * clears first; FIRING -> RESOLVED once it has been clear for {@code keepFiringFor}, and RESOLVED
 * (sent once) -> INACTIVE or a new episode.
 */
public final class Hysteresis {

  private final Predicate<DetectorState> heldLongEnough;
  private final long keepFiringForMs;

  /**
   * @param heldLongEnough whether a PENDING state (its episode began at {@code since_ms}) may fire
   *     now
   * @param keepFiringFor how long a firing value must stay clear before the signal resolves
   */
  public Hysteresis(Predicate<DetectorState> heldLongEnough, Duration keepFiringFor) {
    this.heldLongEnough = heldLongEnough;
    this.keepFiringForMs = keepFiringFor.toMillis();
  }

  /** Fires after the condition held for {@code pendingFor}, measured at {@code nowMs}. */
  public static Hysteresis timed(long nowMs, Duration pendingFor, Duration keepFiringFor) {
    return new Hysteresis(
        state -> nowMs - state.getSinceMs() >= pendingFor.toMillis(), keepFiringFor);
  }

  /** Moves {@code state} on by one evaluation and returns its new phase. */
  public SignalState step(
      DetectorState state, Evaluation evaluation, long nowMs, boolean warmedUp) {
    SignalState phase = SignalState.valueOf(state.getPhase());
    SignalState next =
        switch (phase) {
          case INACTIVE, RESOLVED ->
              warmedUp && evaluation.entering() ? enter(state, nowMs) : SignalState.INACTIVE;
          case PENDING ->
              evaluation.clearing() || !warmedUp
                  ? SignalState.INACTIVE
                  : heldLongEnough.test(state) ? SignalState.FIRING : SignalState.PENDING;
          case FIRING -> firing(state, evaluation, nowMs);
        };
    if (next == SignalState.INACTIVE && phase != SignalState.INACTIVE) {
      state.setSinceMs(nowMs);
    }
    if (next != SignalState.FIRING) {
      state.setClearSinceMs(null);
    }
    state.setPhase(next.name());
    return next;
  }

  private SignalState enter(DetectorState state, long nowMs) {
    state.setSinceMs(nowMs);
    return heldLongEnough.test(state) ? SignalState.FIRING : SignalState.PENDING;
  }

  private SignalState firing(DetectorState state, Evaluation evaluation, long nowMs) {
    if (!evaluation.clearing()) {
      state.setClearSinceMs(null);
      return SignalState.FIRING;
    }
    if (state.getClearSinceMs() == null) {
      state.setClearSinceMs(nowMs);
    }
    return nowMs - state.getClearSinceMs() >= keepFiringForMs
        ? SignalState.RESOLVED
        : SignalState.FIRING;
  }
}
