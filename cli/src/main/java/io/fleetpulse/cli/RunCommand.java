package io.fleetpulse.cli;

import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Collector, streams app and sink in one process against real targets; "
            + "embedded Kafka when kafka.bootstrap_servers is empty.")
final class RunCommand implements Callable<Integer> {

  @Option(
      names = {"-c", "--config"},
      required = true,
      description = "The YAML config file.")
  Path config;

  @Override
  public Integer call() throws Exception {
    FleetPulseConfig loaded = new ConfigLoader().load(config, System.getenv());
    return runUntilStopped(loaded, Component.all());
  }

  static int runUntilStopped(FleetPulseConfig config, Set<Component> components)
      throws InterruptedException {
    try (StopSignal stop = new StopSignal();
        Pipeline pipeline = Pipeline.start(config, components)) {
      System.out.println(
          "FleetPulse running "
              + components
              + " against Kafka "
              + pipeline.bootstrapServers()
              + pipeline
                  .sink()
                  .map(
                      s ->
                          "; metrics on http://"
                              + config.sink().listen().replaceFirst(":\\d+$", "")
                              + ":"
                              + s.port()
                              + "/metrics")
                  .orElse("")
              + " (Ctrl-C stops)");
      stop.awaitForever();
    }
    return 0;
  }
}
