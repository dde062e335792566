package io.fleetpulse.sink.exposition;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.sink.Scope;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;

/** The labels every series of a window carries: scope, the labels the scope implies, window. */
final class WindowLabels {

  private WindowLabels() {}

  static Labels of(FleetWindow window) {
    Scope scope = Scope.of(window);
    List<String> names = new ArrayList<>(scope.labelNames());
    List<String> values = new ArrayList<>(scope.labelValues(window));
    names.add("scope");
    values.add(scope.label());
    names.add("window");
    values.add(window.getWindow());
    return Labels.of(names, values);
  }
}
