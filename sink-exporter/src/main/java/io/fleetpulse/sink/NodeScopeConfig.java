package io.fleetpulse.sink;

/**
 * How many node-scope series the sink exports, the one scope whose size grows with the fleet. A
 * null component means "use the default".
 *
 * @param enabled whether node-scope windows are exported at all
 * @param maxNodes at most this many nodes (a node serving one model) are exported; beyond it the
 *     nodes with the highest KV-cache usage, then inter-token latency, are kept
 */
public record NodeScopeConfig(Boolean enabled, Integer maxNodes) {

  public static final boolean DEFAULT_ENABLED = true;
  public static final int DEFAULT_MAX_NODES = 2000;
  public static final int MAX_MAX_NODES = 100_000;

  public NodeScopeConfig {
    enabled = enabled == null ? DEFAULT_ENABLED : enabled;
    maxNodes = maxNodes == null ? DEFAULT_MAX_NODES : maxNodes;
    if (maxNodes < 1 || maxNodes > MAX_MAX_NODES) {
      throw new IllegalArgumentException(
          "sink.node_scope.max_nodes must be 1.." + MAX_MAX_NODES + ", got " + maxNodes);
    }
  }

  public static NodeScopeConfig defaults() {
    return new NodeScopeConfig(null, null);
  }
}
