package io.fleetpulse.sink;

import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import java.time.Instant;

/** Signal builders for tests: a signal, a scope, a state and when it was updated. */
public final class TestSignals {

  private TestSignals() {}

  public static Signal.Builder signal(
      String signal, String scope, SignalState state, Instant updated) {
    return Signal.newBuilder()
        .setSignal(signal)
        .setScope(scope)
        .setState(state)
        .setSeverity("warning")
        .setValue(1.0)
        .setThreshold(0.9)
        .setStartedMs(updated.minusSeconds(60))
        .setUpdatedMs(updated);
  }
}
