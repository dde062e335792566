package io.fleetpulse.sink.exposition;

import io.fleetpulse.schemas.FleetWindow;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One exported gauge family: its name, HELP and unit (null when the name carries none), and the
 * series it takes from each window, each with its extra labels (e.g. {@code direction="prompt"})
 * and the value it reads.
 */
public record WindowMetric(String name, String help, Unit unit, List<Series> series)
    implements WindowFamily {

  public WindowMetric {
    series = List.copyOf(series);
  }

  /**
   * What one window contributes to a family: data points, each told apart by its extra labels. A
   * value that is null or NaN (an engine that cannot provide it, a window that observed nothing) is
   * left out, never zero.
   */
  @FunctionalInterface
  public interface Series {
    void points(FleetWindow window, BiConsumer<Labels, Double> point);
  }

  public static WindowMetric gauge(String name, Unit unit, String help, Series... series) {
    return new WindowMetric(name, help, unit, List.of(series));
  }

  public static Series series(Function<FleetWindow, Double> value) {
    return (window, point) -> point.accept(Labels.EMPTY, value.apply(window));
  }

  public static Series series(
      String label, String labelValue, Function<FleetWindow, Double> value) {
    Labels labels = Labels.of(label, labelValue);
    return (window, point) -> point.accept(labels, value.apply(window));
  }

  /**
   * One series per entry of a map field, the key as the value of {@code label}; a null map gives
   * none.
   */
  public static Series seriesByKey(
      String label, Function<FleetWindow, Map<String, Double>> values) {
    return (window, point) -> {
      Map<String, Double> byKey = values.apply(window);
      if (byKey != null) {
        byKey.forEach((key, value) -> point.accept(Labels.of(label, key), value));
      }
    };
  }

  @Override
  public GaugeSnapshot snapshot(Collection<FleetWindow> windows) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
    if (unit != null) {
      gauge.unit(unit);
    }
    for (FleetWindow window : windows) {
      Labels windowLabels = WindowLabels.of(window);
      for (Series one : series) {
        one.points(
            window,
            (labels, value) -> {
              if (value != null && !value.isNaN()) {
                gauge.dataPoint(
                    GaugeDataPointSnapshot.builder()
                        .labels(windowLabels.merge(labels))
                        .value(value)
                        .build());
              }
            });
      }
    }
    return gauge.build();
  }
}
