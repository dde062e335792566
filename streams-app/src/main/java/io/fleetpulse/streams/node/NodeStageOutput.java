package io.fleetpulse.streams.node;

import io.fleetpulse.schemas.NodeStats;
import io.fleetpulse.streams.state.WindowSlice;

/**
 * One output of the node stage: a window slice for the scope aggregation, or the node's drill-down record.
 * Lives only between two processors, so it needs no serde.
 */
public record NodeStageOutput(WindowSlice slice, NodeStats stats) {

  static NodeStageOutput of(WindowSlice slice) {
    return new NodeStageOutput(slice, null);
  }

  static NodeStageOutput of(NodeStats stats) {
    return new NodeStageOutput(null, stats);
  }

  public boolean isStats() {
    return stats != null;
  }
}
