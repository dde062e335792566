package io.fleetpulse.simulator.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The clusters, each with the same groups of nodes. */
public record FleetShape(List<String> clusters, List<NodeGroup> groups) {

  private static final int MAX_NODES = 10_000;

  public FleetShape {
    if (clusters == null || clusters.isEmpty()) {
      throw new IllegalArgumentException("clusters must name at least one cluster");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < clusters.size(); i++) {
      String cluster = clusters.get(i);
      if (cluster == null || !cluster.matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new IllegalArgumentException(
            "clusters[" + i + "] '" + cluster + "' must be lower-case letters, digits and dashes");
      }
      if (!seen.add(cluster)) {
        throw new IllegalArgumentException("clusters[" + i + "] repeats '" + cluster + "'");
      }
    }
    if (groups == null || groups.isEmpty()) {
      throw new IllegalArgumentException("groups must have at least one node group");
    }
    clusters = List.copyOf(clusters);
    groups = List.copyOf(groups);
    int nodes = nodesPerCluster(groups) * clusters.size();
    if (nodes > MAX_NODES) {
      throw new IllegalArgumentException(
          "a fleet of at most " + MAX_NODES + " nodes, got " + nodes);
    }
  }

  public int nodesPerCluster() {
    return nodesPerCluster(groups);
  }

  private static int nodesPerCluster(List<NodeGroup> groups) {
    return groups.stream().mapToInt(NodeGroup::nodes).sum();
  }
}
