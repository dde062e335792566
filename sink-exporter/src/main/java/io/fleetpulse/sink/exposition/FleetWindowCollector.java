package io.fleetpulse.sink.exposition;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.sink.LatestWindows;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * Exposes the latest fresh window of every series as the families of a {@link WindowFamily} table.
 */
public final class FleetWindowCollector implements MultiCollector {

  private final LatestWindows latest;
  private final List<WindowFamily> families;
  private final Clock clock;

  public FleetWindowCollector(LatestWindows latest, List<WindowFamily> families, Clock clock) {
    this.latest = latest;
    this.families = List.copyOf(families);
    this.clock = clock;
  }

  @Override
  public MetricSnapshots collect() {
    Collection<FleetWindow> windows = latest.current(clock.instant());
    MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
    for (WindowFamily family : families) {
      snapshots.metricSnapshot(family.snapshot(windows));
    }
    return snapshots.build();
  }
}
