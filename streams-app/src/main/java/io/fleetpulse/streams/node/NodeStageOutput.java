package io.fleetpulse.streams.node;

import io.fleetpulse.schemas.NodeStats;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.streams.state.NodeWindow;

/**
 * One output of the node-keyed stages: a node's final contribution to a window, how far the task's
 * nodes are complete, how far its request events are handed on, the node's drill-down record, or a
 * pipeline-behind signal. Lives only between processors, so it needs no serde.
 */
public record NodeStageOutput(
    NodeWindow contribution,
    Long nodesCompleteThroughMs,
    Long eventsHandedOnThroughMs,
    NodeStats stats,
    Signal signal) {

  public static NodeStageOutput of(NodeWindow contribution) {
    return new NodeStageOutput(contribution, null, null, null, null);
  }

  static NodeStageOutput nodesCompleteThrough(long timeMs) {
    return new NodeStageOutput(null, timeMs, null, null, null);
  }

  public static NodeStageOutput eventsHandedOnThrough(long timeMs) {
    return new NodeStageOutput(null, null, timeMs, null, null);
  }

  static NodeStageOutput of(NodeStats stats) {
    return new NodeStageOutput(null, null, null, stats, null);
  }

  static NodeStageOutput of(Signal signal) {
    return new NodeStageOutput(null, null, null, null, signal);
  }

  public boolean isStats() {
    return stats != null;
  }

  public boolean isSignal() {
    return signal != null;
  }
}
