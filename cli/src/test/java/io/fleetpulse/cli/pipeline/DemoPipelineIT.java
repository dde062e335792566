package io.fleetpulse.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.cli.demo.DemoConfig;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's whole pipeline on the embedded broker: FleetPulse's per-cluster generation tokens/s
 * against the simulator's own count of the tokens it generated in the same window.
 */
class DemoPipelineIT {

  private static final Duration FIRST_RESULT_LIMIT = Duration.ofSeconds(40);

  @TempDir Path dataDir;

  @Test
  void clusterTokenRatesMatchTheSimulatorsGroundTruthWithinFivePercentWithinFortySeconds()
      throws Exception {
    long startedAt = System.currentTimeMillis();
    try (SimulatedFleet fleet = SimulatedFleet.start(FleetSpec.defaults());
        Pipeline pipeline =
            Pipeline.start(
                DemoConfig.forFleet(fleet, dataDir.toString(), "127.0.0.1:0"), Component.all())) {
      DemoConfig.postRequestEvents(fleet, pipeline);
      // A window is fully covered by counter intervals only once every node has been scraped twice
      // before it.
      long coveredFrom = System.currentTimeMillis() + 2 * DemoConfig.SCRAPE_INTERVAL.toMillis();
      int port = pipeline.sink().orElseThrow().port();
      Map<String, Double> checked = new HashMap<>();
      while (checked.size() < 2) {
        if (System.currentTimeMillis() - startedAt > FIRST_RESULT_LIMIT.toMillis()) {
          fail(
              "no fully covered 10s window for every cluster within "
                  + FIRST_RESULT_LIMIT
                  + "; checked so far: "
                  + checked);
        }
        SinkPage page = SinkPage.fetch(port);
        for (String cluster : List.of("us-east", "eu-west")) {
          Map<String, String> labels =
              Map.of("scope", "cluster", "cluster", cluster, "window", "10s");
          Optional<Double> end = page.value("fleetpulse_window_end_timestamp_seconds", labels);
          Optional<Double> rate =
              page.value("fleetpulse_tokens_per_second", with(labels, "direction", "generation"));
          if (end.isEmpty() || rate.isEmpty() || end.get() * 1000 - 10_000 < coveredFrom) {
            continue;
          }
          long windowEnd = Math.round(end.get() * 1000);
          double truth =
              fleet.nodesIn(cluster).stream()
                  .mapToDouble(
                      n -> n.groundTruth().generationTokensPerSecond(windowEnd - 10_000, windowEnd))
                  .sum();
          System.out.printf(
              "%s: FleetPulse %.1f tokens/s, simulator %.1f (%+.2f%%), window ending %d s after start%n",
              cluster,
              rate.get(),
              truth,
              100 * (rate.get() - truth) / truth,
              (windowEnd - startedAt) / 1000);
          assertTrue(
              truth > 100,
              "the simulator should be busy, got " + truth + " tokens/s in " + cluster);
          assertEquals(
              truth,
              rate.get(),
              truth * 0.05,
              cluster + " generation tokens/s over the window ending " + windowEnd);
          assertEquals(
              Optional.of(4.0), page.value("fleetpulse_nodes", with(labels, "state", "up")));
          checked.put(cluster, rate.get());
        }
        Thread.sleep(500);
      }
      assertNodeDownIsReported(fleet.nodesIn("eu-west").get(0), port);
    }
  }

  /**
   * A node that stops answering shows as down in its cluster while the rest of the pipeline carries
   * on.
   */
  private static void assertNodeDownIsReported(SimulatedNode node, int port) throws Exception {
    node.stop();
    long deadline = System.currentTimeMillis() + 30_000;
    Map<String, String> euWest = Map.of("scope", "cluster", "cluster", "eu-west", "window", "10s");
    Map<String, String> usEast = Map.of("scope", "cluster", "cluster", "us-east", "window", "10s");
    while (System.currentTimeMillis() < deadline) {
      SinkPage page = SinkPage.fetch(port);
      if (page.value("fleetpulse_nodes", with(euWest, "state", "down")).orElse(0.0) == 1.0) {
        assertEquals(Optional.of(3.0), page.value("fleetpulse_nodes", with(euWest, "state", "up")));
        assertEquals(Optional.of(4.0), page.value("fleetpulse_nodes", with(usEast, "state", "up")));
        assertTrue(
            page.value("fleetpulse_tokens_per_second", with(usEast, "direction", "generation"))
                    .orElse(0.0)
                > 0);
        return;
      }
      Thread.sleep(500);
    }
    fail("a stopped node never showed as fleetpulse_nodes{state=\"down\"} in eu-west");
  }

  static Map<String, String> with(Map<String, String> labels, String name, String value) {
    Map<String, String> more = new HashMap<>(labels);
    more.put(name, value);
    return more;
  }
}
