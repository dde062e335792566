package io.fleetpulse.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which simulated vLLM nodes to run. A null or zero component means "use the default" (a YAML
 * section then names only what it changes); the seed is taken as given, 0 included.
 *
 * @param clusters cluster names; default us-east and eu-west
 * @param nodesPerCluster nodes in each cluster; default 4
 * @param model served model name; default meta-llama/Llama-3.1-8B-Instruct
 * @param requestsPerSecondPerNode mean Poisson arrival rate at each node; default 4 (about 700
 *     generated tokens/s)
 * @param seed seeds every node's random stream, so a fleet replays the same workload
 */
public record FleetSpec(
    List<String> clusters,
    int nodesPerCluster,
    String model,
    double requestsPerSecondPerNode,
    long seed) {

  public static final List<String> DEFAULT_CLUSTERS = List.of("us-east", "eu-west");
  public static final int DEFAULT_NODES_PER_CLUSTER = 4;
  public static final String DEFAULT_MODEL = "meta-llama/Llama-3.1-8B-Instruct";
  public static final double DEFAULT_REQUESTS_PER_SECOND_PER_NODE = 4.0;
  public static final long DEFAULT_SEED = 42;

  public FleetSpec {
    clusters = clusters == null ? DEFAULT_CLUSTERS : checkedClusters(clusters);
    if (nodesPerCluster < 0) {
      throw new IllegalArgumentException(
          "simulator nodes_per_cluster must not be negative, got " + nodesPerCluster);
    }
    nodesPerCluster = nodesPerCluster == 0 ? DEFAULT_NODES_PER_CLUSTER : nodesPerCluster;
    if (model != null && model.isBlank()) {
      throw new IllegalArgumentException("simulator model must not be blank");
    }
    model = model == null ? DEFAULT_MODEL : model;
    if (!(requestsPerSecondPerNode >= 0) || Double.isInfinite(requestsPerSecondPerNode)) {
      throw new IllegalArgumentException(
          "simulator requests_per_second_per_node must be a positive number, got "
              + requestsPerSecondPerNode);
    }
    requestsPerSecondPerNode =
        requestsPerSecondPerNode == 0
            ? DEFAULT_REQUESTS_PER_SECOND_PER_NODE
            : requestsPerSecondPerNode;
  }

  public static FleetSpec defaults() {
    return new FleetSpec(
        DEFAULT_CLUSTERS,
        DEFAULT_NODES_PER_CLUSTER,
        DEFAULT_MODEL,
        DEFAULT_REQUESTS_PER_SECOND_PER_NODE,
        DEFAULT_SEED);
  }

  private static List<String> checkedClusters(List<String> clusters) {
    if (clusters.isEmpty()) {
      throw new IllegalArgumentException("simulator clusters must name at least one cluster");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < clusters.size(); i++) {
      String cluster = clusters.get(i);
      if (cluster == null || cluster.isBlank()) {
        throw new IllegalArgumentException("simulator clusters[" + i + "] is blank");
      }
      if (!seen.add(cluster)) {
        throw new IllegalArgumentException(
            "simulator clusters[" + i + "] repeats '" + cluster + "'");
      }
    }
    return List.copyOf(clusters);
  }
}
