package io.fleetpulse.cli;

import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.demo.DemoConfig;
import io.fleetpulse.cli.demo.LiveView;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Embedded Kafka, a simulated vLLM fleet, collector, streams app and sink in one process, "
            + "with a live terminal view.")
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      defaultValue = "10m",
      description =
          "How long to run (e.g. 60s, 2m); Ctrl-C stops earlier. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(
      names = "--nodes",
      defaultValue = "8",
      description = "Simulated nodes in all, a multiple of --clusters. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(
      names = "--clusters",
      defaultValue = "2",
      description = "Clusters to spread them over. Default: ${DEFAULT-VALUE}.")
  int clusters;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:9400",
      description = "Where the sink serves /metrics. Default: ${DEFAULT-VALUE}.")
  String listen;

  @Option(
      names = "--data-dir",
      defaultValue = ".fleetpulse/demo",
      description = "Embedded broker and streams state. Default: ${DEFAULT-VALUE}.")
  String dataDir;

  @Option(
      names = "--refresh",
      converter = DurationConverter.class,
      defaultValue = "3s",
      description = "How often the table is redrawn. Default: ${DEFAULT-VALUE}.")
  Duration refresh;

  @Override
  public Integer call() throws Exception {
    if (clusters < 1 || nodes < clusters || nodes % clusters != 0) {
      System.err.println(
          "fleetpulse demo: --nodes ("
              + nodes
              + ") must be a multiple of --clusters ("
              + clusters
              + "), and --clusters at least 1: every cluster gets the same number of nodes");
      return 2;
    }
    List<String> clusterNames = new ArrayList<>();
    String[] defaults = {"us-east", "eu-west", "ap-south", "us-west"};
    for (int i = 0; i < clusters; i++) {
      clusterNames.add(i < defaults.length ? defaults[i] : "cluster-" + (i + 1));
    }
    FleetSpec defaultsSpec = FleetSpec.defaults();
    FleetSpec spec =
        new FleetSpec(
            clusterNames,
            nodes / clusters,
            defaultsSpec.model(),
            defaultsSpec.requestsPerSecondPerNode(),
            defaultsSpec.seed());
    Instant startedAt = Instant.now();
    System.out.println(
        "Starting FleetPulse demo: embedded Kafka in "
            + dataDir
            + ", "
            + spec.clusters().size() * spec.nodesPerCluster()
            + " simulated vLLM nodes...");
    try (StopSignal stop = new StopSignal();
        SimulatedFleet fleet = SimulatedFleet.start(spec)) {
      FleetPulseConfig config = DemoConfig.forFleet(fleet, dataDir, listen);
      try (Pipeline pipeline = Pipeline.start(config, Component.all())) {
        DemoConfig.postRequestEvents(fleet, pipeline);
        Instant coveredFrom = Instant.now().plus(DemoConfig.SCRAPE_INTERVAL);
        LiveView view =
            new LiveView(
                fleet, pipeline, System.out, System.console() != null, startedAt, coveredFrom);
        Instant end = startedAt.plus(duration);
        while (Instant.now().isBefore(end)) {
          view.render(Instant.now());
          Duration wait = Duration.between(Instant.now(), end);
          if (stop.await(wait.compareTo(refresh) < 0 ? wait : refresh)) {
            break;
          }
        }
        System.out.println("Stopping...");
      }
    }
    return 0;
  }
}
