package io.fleetpulse.streams.aggregate;

import io.fleetpulse.streams.node.NodeIdentity;
import io.fleetpulse.streams.scope.ScopeKey;
import io.fleetpulse.streams.window.GaugeObservation;
import io.fleetpulse.streams.window.WindowSlice;
import java.util.HashMap;

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
    return WindowState.newBuilder()
        .setScope(scope.scope().label())
        .setCluster(scope.cluster())
        .setModel(scope.model())
        .setNode(scope.node())
        .setWindowSizeMs(slice.getWindowSizeMs())
        .setWindowEndMs(slice.getWindowEndMs())
        .setCovered(false)
        .setCounters(new HashMap<>())
        .setNodes(new HashMap<>())
        .build();
  }
}
