package io.fleetpulse.sink.exposition;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.EngineName;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.sink.SeriesKey;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The labels every series of a window carries: scope, the labels the scope implies, window, and
 * {@code engine} when the window names a known one. The engine follows the series' latest window,
 * which is the only one held per {@link SeriesKey}, so a series never appears twice with two
 * engines.
 */
final class WindowLabels {

  static final String ENGINE = "engine";

  private WindowLabels() {}

  static Labels of(FleetWindow window) {
    SeriesKey key = SeriesKey.of(window);
    List<String> names = new ArrayList<>(key.scope().labelNames());
    List<String> values = new ArrayList<>(key.labelValues());
    engine(window)
        .ifPresent(
            engine -> {
              names.add(ENGINE);
              values.add(engine.wireName());
            });
    names.add("scope");
    values.add(key.scope().label());
    names.add("window");
    values.add(key.window());
    return Labels.of(names, values);
  }

  /**
   * The window's engine when it is one FleetPulse knows; {@code unknown} and anything else give
   * none.
   */
  static Optional<EngineName> engine(FleetWindow window) {
    return window.getEngine() == null
        ? Optional.empty()
        : EngineName.fromWireName(window.getEngine());
  }

  static Labels ofScope(Scope scope, List<String> labelValues) {
    List<String> names = new ArrayList<>(scope.labelNames());
    List<String> values = new ArrayList<>(labelValues);
    names.add("scope");
    values.add(scope.label());
    return Labels.of(names, values);
  }
}
