package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.streams.state.DetectorState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * One evaluation of one detector for one target, end to end: load its state, evaluate, step the
 * state machine, store, and build the Signal record when the emission rule publishes it.
 */
final class DetectorRun {

  private final SignalStore<DetectorState> store;

  DetectorRun(SignalStore<DetectorState> store) {
    this.store = store;
  }

  /**
   * @param evaluate the detector's math on its memory; empty when the input lacks what it reads,
   *     which leaves the stored state as it was
   */
  Optional<Signal> run(
      SignalTarget target,
      SignalName signal,
      String severity,
      long nowMs,
      Duration warmUp,
      Hysteresis hysteresis,
      Function<DetectorMemory, Optional<Evaluation>> evaluate) {
    String key = target.key(signal);
    DetectorState stored = store.get(key);
    if (stored != null && nowMs <= stored.getLastMs()) {
      return Optional.empty();
    }
    DetectorState state = stored == null ? DetectorMemory.fresh(nowMs) : stored;
    Optional<Evaluation> evaluation = evaluate.apply(new DetectorMemory(state, nowMs));
    if (evaluation.isEmpty()) {
      return Optional.empty();
    }
    SignalState before = SignalState.valueOf(state.getPhase());
    boolean warmedUp = nowMs - state.getFirstMs() >= warmUp.toMillis();
    SignalState after = hysteresis.step(state, evaluation.get(), nowMs, warmedUp);
    state.setLastMs(nowMs);
    store.put(key, state);
    if (!EmissionRule.emits(target.scope(), before, after)) {
      return Optional.empty();
    }
    Evaluation seen = evaluation.get();
    return Optional.of(
        Signal.newBuilder()
            .setSignal(signal.id())
            .setScope(target.scope().label())
            .setCluster(target.scope().byCluster() ? target.cluster() : null)
            .setModel(target.scope().byModel() ? target.model() : null)
            .setNode(target.scope().byNode() ? target.node() : null)
            .setState(after)
            .setSeverity(severity)
            .setValue(seen.value())
            .setThreshold(seen.threshold())
            .setStartedMs(Instant.ofEpochMilli(state.getSinceMs()))
            .setUpdatedMs(Instant.ofEpochMilli(nowMs))
            .setSecondsToExhaustion(seen.secondsToExhaustion())
            .setReason(seen.reason())
            .build());
  }
}
