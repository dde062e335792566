package io.fleetpulse.sink;

import io.fleetpulse.schemas.FleetWindow;
import java.util.List;

/** What makes two windows the same exported series: scope, the labels it implies, window name. */
record SeriesKey(Scope scope, List<String> labelValues, String window) {

  static SeriesKey of(FleetWindow window) {
    Scope scope = Scope.of(window);
    String name = window.getWindow();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(scope.label() + "-scope window has no window name");
    }
    return new SeriesKey(scope, scope.labelValues(window), name);
  }
}
