package io.fleetpulse.streams.aggregate;

import io.fleetpulse.streams.state.WindowState;

import io.fleetpulse.streams.events.LatencySketches;
import io.fleetpulse.streams.state.BucketCounts;
import io.fleetpulse.streams.histogram.HistogramLayouts;
import io.fleetpulse.streams.node.NodeIdentity;
import io.fleetpulse.streams.scope.ScopeKey;
import io.fleetpulse.streams.state.GaugeObservation;
import io.fleetpulse.streams.state.WindowSlice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** Adds one slice to the open aggregate of its scope and window. */
final class WindowAccumulator {

  private WindowAccumulator() {}

  /** Returns the updated state; {@code state} is null for the first slice of a window. */
  static WindowState add(WindowState state, ScopeKey scope, WindowSlice slice) {
    WindowState updated = state != null ? state : open(scope, slice);
    if (slice.getCounters() != null) {
      updated.setCovered(true);
      slice.getCounters().forEach((counter, piece) -> updated.getCounters().merge(counter, piece, Double::sum));
    }
    slice.getHistograms().forEach((id, layouts) -> {
      List<BucketCounts> summed = updated.getHistograms().computeIfAbsent(id, any -> new ArrayList<>());
      layouts.forEach(layout -> HistogramLayouts.addInto(summed, layout));
    });
    slice.getSketches().forEach((id, sketch) -> updated.getSketches().merge(id, sketch, LatencySketches::merge));
    GaugeObservation observation = slice.getObservation();
    if (observation != null) {
      String nodeId = NodeIdentity.id(slice.getCluster(), slice.getNode());
      GaugeObservation kept = updated.getNodes().get(nodeId);
      if (kept == null || observation.getTimestampMs() >= kept.getTimestampMs()) {
        updated.getNodes().put(nodeId, observation);
      }
    }
    return updated;
  }

  private static WindowState open(ScopeKey scope, WindowSlice slice) {
    return new WindowState(
        scope.scope().label(),
        scope.cluster(),
        scope.model(),
        scope.node(),
        slice.getWindowSizeMs(),
        slice.getWindowEndMs(),
        false,
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>());
  }
}
