package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.Scope;

/**
 * Which evaluations are published. Above node scope every one, INACTIVE included, so the sink can
 * export 0 and the KV time to exhaustion continuously; at node scope only changes and active
 * states, so a large fleet's quiet nodes cost nothing downstream.
 */
final class EmissionRule {

  private EmissionRule() {}

  static boolean emits(Scope scope, SignalState before, SignalState after) {
    if (scope != Scope.NODE) {
      return true;
    }
    return before != after || after == SignalState.PENDING || after == SignalState.FIRING;
  }
}
