package io.fleetpulse.sink.exposition;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.sink.LatestWindows;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/** Exposes the latest fresh window of every series as the families of a {@link WindowMetric} table. */
public final class FleetWindowCollector implements MultiCollector {

  private final LatestWindows latest;
  private final List<WindowMetric> metrics;
  private final Clock clock;

  public FleetWindowCollector(LatestWindows latest, List<WindowMetric> metrics, Clock clock) {
    this.latest = latest;
    this.metrics = List.copyOf(metrics);
    this.clock = clock;
  }

  @Override
  public MetricSnapshots collect() {
    Collection<FleetWindow> windows = latest.current(clock.instant());
    MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
    for (WindowMetric metric : metrics) {
      snapshots.metricSnapshot(metric.snapshot(windows));
    }
    return snapshots.build();
  }
}
