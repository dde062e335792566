package io.fleetpulse.cli;

import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Serves a simulated vLLM fleet's /metrics on loopback ports, to point any collector at.")
final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--clusters", split = ",", defaultValue = "us-east,eu-west",
      description = "Cluster names. Default: ${DEFAULT-VALUE}.")
  List<String> clusters;

  @Option(names = "--nodes-per-cluster", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}.")
  int nodesPerCluster;

  @Option(names = "--rps", defaultValue = "-1",
      description = "Requests per second per node (default: the simulator's own).")
  double requestsPerSecond;

  @Override
  public Integer call() throws Exception {
    FleetSpec defaults = FleetSpec.defaults();
    FleetSpec spec = new FleetSpec(clusters, nodesPerCluster, defaults.model(),
        requestsPerSecond > 0 ? requestsPerSecond : defaults.requestsPerSecondPerNode(), defaults.seed());
    try (StopSignal stop = new StopSignal();
        SimulatedFleet fleet = SimulatedFleet.start(spec)) {
      for (SimulatedNode node : fleet.nodes()) {
        System.out.println(node.cluster() + " " + node.instance() + " http://" + node.instance() + "/metrics");
      }
      System.out.println("Serving " + fleet.nodes().size() + " simulated vLLM nodes (Ctrl-C stops)");
      stop.awaitForever();
    }
    return 0;
  }
}
