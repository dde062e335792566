package io.fleetpulse.cli.pipeline;

import static io.fleetpulse.cli.pipeline.DemoPipelineIT.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.cli.broker.FreePort;
import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.testing.CollectorYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code fleetpulse run --config FILE} does, against two plain HTTP servers whose counters
 * grow at known rates and one target where nothing listens.
 */
class RunConfigIT {

  @TempDir Path dir;

  @Test
  void reportsKnownRatesPerClusterAndTheDeadTargetAsDown() throws Exception {
    try (LinearCounterServer east = new LinearCounterServer(1000, 3000, 7);
        LinearCounterServer west = new LinearCounterServer(250, 500, 2)) {
      String dead = "127.0.0.1:" + FreePort.find();
      Path configFile = dir.resolve("fleetpulse.yml");
      Files.writeString(
          configFile,
          """
          kafka:
            bootstrap_servers: ""
            data_dir: %s
            partitions: 2
          %s
          streams:
            windows: [10s]
            grace: 8s
            state_dir: %s
          sink:
            listen: 127.0.0.1:0
          """
              .formatted(
                  dir.resolve("kafka"),
                  CollectorYaml.scraping(
                      Map.of(
                          "us-east",
                          List.of(east.target()),
                          "eu-west",
                          List.of(west.target(), dead))),
                  dir.resolve("state")));
      FleetPulseConfig config = new ConfigLoader().load(configFile, Map.of());

      try (Pipeline pipeline = Pipeline.start(config, Component.all())) {
        long coveredFrom = System.currentTimeMillis() + 2_000;
        int port = pipeline.sink().orElseThrow().port();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
          SinkPage page = SinkPage.fetch(port);
          Map<String, String> usEast =
              Map.of("scope", "cluster", "cluster", "us-east", "window", "10s");
          Map<String, String> euWest =
              Map.of("scope", "cluster", "cluster", "eu-west", "window", "10s");
          Optional<Double> eastEnd = page.value("fleetpulse_window_end_timestamp_seconds", usEast);
          Optional<Double> westEnd = page.value("fleetpulse_window_end_timestamp_seconds", euWest);
          if (eastEnd.isPresent()
              && westEnd.isPresent()
              && eastEnd.get() * 1000 - 10_000 >= coveredFrom
              && westEnd.get() * 1000 - 10_000 >= coveredFrom) {
            assertEquals(1000, rate(page, usEast, "generation"), 1000 * 0.05);
            assertEquals(3000, rate(page, usEast, "prompt"), 3000 * 0.05);
            assertEquals(250, rate(page, euWest, "generation"), 250 * 0.05);
            assertEquals(
                Optional.of(7.0),
                page.value("fleetpulse_requests_running", with(usEast, "stat", "sum")));
            assertEquals(
                Optional.of(1.0), page.value("fleetpulse_nodes", with(euWest, "state", "up")));
            assertEquals(
                Optional.of(1.0), page.value("fleetpulse_nodes", with(euWest, "state", "down")));
            assertEquals(
                Optional.of(0.0), page.value("fleetpulse_nodes", with(usEast, "state", "down")));
            Map<String, String> fleet = Map.of("scope", "fleet", "window", "10s");
            assertEquals(1250, rate(page, fleet, "generation"), 1250 * 0.05);
            return;
          }
          Thread.sleep(500);
        }
        fail("no fully covered 10s window for both clusters within 60 s");
      }
    }
  }

  private static double rate(SinkPage page, Map<String, String> scope, String direction) {
    return page.value("fleetpulse_tokens_per_second", with(scope, "direction", direction))
        .orElseThrow();
  }
}
