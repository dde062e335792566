package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.schemas.contract.SignalName;

/** Where a signal applies: a scope and the labels it implies. */
record SignalTarget(Scope scope, String cluster, String model, String node) {

  static SignalTarget of(FleetWindow window) {
    return new SignalTarget(
        Scope.fromLabel(window.getScope()),
        window.getCluster(),
        window.getModel(),
        window.getNode());
  }

  static SignalTarget node(String cluster, String model, String node) {
    return new SignalTarget(Scope.NODE, cluster, model, node);
  }

  /** The key a Signal record is published under. */
  static String keyOf(Signal signal) {
    return new SignalTarget(
            Scope.fromLabel(signal.getScope()),
            signal.getCluster(),
            signal.getModel(),
            signal.getNode())
        .key(SignalName.fromId(signal.getSignal()).orElseThrow());
  }

  /** The Signal record's key (and the detector's store key): {@code <scope key>/<signal id>}. */
  String key(SignalName signal) {
    return scope.key(cluster, model, node) + "/" + signal.id();
  }
}
