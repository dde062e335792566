package io.fleetpulse.cli.testing;

import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A simulated fleet as the {@code static_configs} entries of a test's config file. */
public final class FleetTargets {

  private FleetTargets() {}

  /** One entry per cluster, its nodes as targets and its name as the cluster label. */
  public static String staticConfigs(SimulatedFleet fleet) {
    return fleet.nodes().stream()
        .collect(Collectors.groupingBy(SimulatedNode::cluster, TreeMap::new, Collectors.toList()))
        .entrySet()
        .stream()
        .map(
            cluster ->
                "        - targets: ["
                    + cluster.getValue().stream()
                        .map(node -> '"' + node.instance() + '"')
                        .collect(Collectors.joining(", "))
                    + "]\n"
                    + "          labels: {cluster: "
                    + cluster.getKey()
                    + "}\n")
        .collect(Collectors.joining());
  }
}
