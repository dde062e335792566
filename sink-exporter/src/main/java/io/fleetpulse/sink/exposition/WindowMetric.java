package io.fleetpulse.sink.exposition;

import io.fleetpulse.schemas.FleetWindow;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * One exported gauge family: its name, its HELP, and the series it takes from each window, each
 * with its extra labels (e.g. {@code direction="prompt"}) and the field that holds its value.
 */
public record WindowMetric(String name, String help, List<Series> series) {

  public WindowMetric {
    series = List.copyOf(series);
  }

  /** One series of a family: a window field (null = absent) and the labels that tell it apart. */
  public record Series(Labels labels, Function<FleetWindow, Double> value) {}

  public static WindowMetric gauge(String name, String help, Series... series) {
    return new WindowMetric(name, help, List.of(series));
  }

  public static Series series(Function<FleetWindow, Double> value) {
    return new Series(Labels.EMPTY, value);
  }

  public static Series series(String label, String labelValue, Function<FleetWindow, Double> value) {
    return new Series(Labels.of(label, labelValue), value);
  }

  /** This family's data points for {@code windows}; a null field leaves its series out. */
  public GaugeSnapshot snapshot(Collection<FleetWindow> windows) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
    for (FleetWindow window : windows) {
      Labels windowLabels = WindowLabels.of(window);
      for (Series one : series) {
        Double value = one.value().apply(window);
        if (value != null) {
          gauge.dataPoint(
              GaugeDataPointSnapshot.builder()
                  .labels(windowLabels.merge(one.labels()))
                  .value(value)
                  .build());
        }
      }
    }
    return gauge.build();
  }
}
