package io.fleetpulse.streams.scope;

import io.fleetpulse.streams.state.WindowSlice;

/**
 * One aggregation group: a scope and the cluster, model and node values it implies (null where it implies
 * none). The node scope keeps cluster and model too, so a node's drill-down series carries all three labels.
 */
public record ScopeKey(Scope scope, String cluster, String model, String node) {

  public static ScopeKey of(Scope scope, WindowSlice slice) {
    return new ScopeKey(
        scope,
        scope.byCluster() ? slice.getCluster() : null,
        scope.byModel() ? slice.getModel() : null,
        scope.byNode() ? slice.getNode() : null);
  }

  /** E.g. {@code fleet}, {@code cluster/us-east}, {@code cluster_model/us-east/meta-llama/Llama-3.1-8B}. */
  public String key() {
    StringBuilder key = new StringBuilder(scope.label());
    for (String part : new String[] {cluster, model, node}) {
      if (part != null) {
        key.append('/').append(part);
      }
    }
    return key.toString();
  }

  /** The key of this scope's aggregate over one window size, as published on the fleet-stats topic. */
  public String windowKey(String windowName) {
    return key() + "/" + windowName;
  }
}
