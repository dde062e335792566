package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.streams.state.DetectorState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Runs the window detectors over a series of cluster windows and reads one signal's state after
 * each.
 */
final class Evaluations {

  private Evaluations() {}

  /** The signal's state after each window, or null where the window published nothing for it. */
  static List<SignalState> states(
      SignalsConfig config, SignalName signal, int count, IntFunction<FleetWindow> windows) {
    WindowSignals detectors = new WindowSignals(config);
    MapStore<DetectorState> store = new MapStore<>();
    List<SignalState> states = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      states.add(
          detectors.evaluate(windows.apply(index), store).stream()
              .filter(published -> published.getSignal().equals(signal.id()))
              .map(published -> published.getState())
              .findFirst()
              .orElse(null));
    }
    return states;
  }

  static long count(List<SignalState> states, SignalState state) {
    return states.stream().filter(seen -> seen == state).count();
  }

  /** The index of the first window in {@code state}, or -1. */
  static int first(List<SignalState> states, SignalState state) {
    return states.indexOf(state);
  }
}
