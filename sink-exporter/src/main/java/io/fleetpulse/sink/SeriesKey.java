package io.fleetpulse.sink;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.Scope;
import java.util.List;

/**
 * What makes two windows the same exported series: the scope, the labels it implies ({@link
 * Scope#labelNames()}, the same the streams app keys the aggregate by) and the window name.
 */
public record SeriesKey(Scope scope, List<String> labelValues, String window) {

  public SeriesKey {
    labelValues = List.copyOf(labelValues);
  }

  /**
   * @throws IllegalArgumentException for an unknown scope, a missing label it implies or no window
   *     name
   */
  public static SeriesKey of(FleetWindow window) {
    Scope scope = Scope.fromLabel(window.getScope());
    String name = window.getWindow();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(scope.label() + "-scope window has no window name");
    }
    return new SeriesKey(
        scope, scope.labelValues(window.getCluster(), window.getModel(), window.getNode()), name);
  }
}
