package io.fleetpulse.cli.pipelinebench;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.simulator.GroundTruth;
import io.fleetpulse.sink.LatestWindows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Watches the in-process sink for fleet-scope windows and notes when each first appears, with the
 * simulator's truth for its span. Polled: an arrival is known to within one poll period.
 */
final class SinkWatcher {

  private final LatestWindows sink;
  private final GroundTruth truth;
  private final Set<String> seen = new HashSet<>();
  private final List<WindowArrival> arrivals = new ArrayList<>();

  SinkWatcher(LatestWindows sink, GroundTruth truth) {
    this.sink = sink;
    this.truth = truth;
  }

  /** Looks once; call it every poll period. */
  synchronized void poll() {
    long now = System.currentTimeMillis();
    for (FleetWindow window : sink.current(Instant.ofEpochMilli(now))) {
      if (!window.getScope().equals(Scope.FLEET.label())) {
        continue;
      }
      long start = window.getWindowStartMs().toEpochMilli();
      long end = window.getWindowEndMs().toEpochMilli();
      if (seen.add(window.getWindow() + "@" + end)) {
        arrivals.add(
            new WindowArrival(
                window.getWindow(),
                start,
                end,
                now,
                orNaN(window.getGenerationTokensPerSecond()),
                truth.generationTokensPerSecond(start, end),
                window.getNodesUp()));
      }
    }
  }

  synchronized List<WindowArrival> arrivals() {
    return List.copyOf(arrivals);
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }
}
