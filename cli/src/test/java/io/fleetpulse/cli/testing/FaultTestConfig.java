package io.fleetpulse.cli.testing;

import io.fleetpulse.simulator.SimulatedFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The config file the fault tests run the collector and the streams app with: a Kafka of the test's
 * own, the fleet scraped each second, 5 s windows with a 10 s grace, state in the test's directory.
 */
public final class FaultTestConfig {

  private FaultTestConfig() {}

  /** Writes {@code fleetpulse.yml} into {@code dir} and returns its path. */
  public static Path write(Path dir, String bootstrapServers, SimulatedFleet fleet)
      throws IOException {
    return write(dir, bootstrapServers, CollectorYaml.scraping(fleet));
  }

  /** The same, scraping these targets by cluster. */
  public static Path write(
      Path dir, String bootstrapServers, Map<String, List<String>> targetsByCluster)
      throws IOException {
    return write(dir, bootstrapServers, CollectorYaml.scraping(targetsByCluster));
  }

  private static Path write(Path dir, String bootstrapServers, String collectorYaml)
      throws IOException {
    Path configFile = dir.resolve("fleetpulse.yml");
    Files.writeString(
        configFile,
        """
        kafka:
          bootstrap_servers: "%s"
          partitions: 2
        %s
        streams:
          windows: [5s]
          grace: 10s
          state_dir: %s
          listen: 127.0.0.1:0
        """
            .formatted(bootstrapServers, collectorYaml, dir.resolve("state")));
    return configFile;
  }
}
