package io.fleetpulse.sink;

/**
 * Why the sink refused to export a record it read: the {@code reason} label of its drop counter.
 */
public enum DropReason {
  NODE_SCOPE_DISABLED("node_scope_disabled", "sink.node_scope.enabled is false"),
  MAX_NODES(
      "max_nodes",
      "more nodes than sink.node_scope.max_nodes; the nodes with the highest KV-cache usage,"
          + " then inter-token latency, are kept");

  private final String label;
  private final String explanation;

  DropReason(String label, String explanation) {
    this.label = label;
    this.explanation = explanation;
  }

  public String label() {
    return label;
  }

  public String explanation() {
    return explanation;
  }
}
