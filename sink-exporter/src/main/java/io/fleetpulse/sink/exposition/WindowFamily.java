package io.fleetpulse.sink.exposition;

import io.fleetpulse.schemas.FleetWindow;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Collection;

/** One exported metric family and how it reads its data points from the latest windows. */
public interface WindowFamily {

  /** The family's name as exposed, e.g. {@code fleetpulse_time_to_first_token_seconds}. */
  String name();

  String help();

  MetricSnapshot snapshot(Collection<FleetWindow> windows);
}
