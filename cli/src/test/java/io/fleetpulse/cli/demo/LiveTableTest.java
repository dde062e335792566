package io.fleetpulse.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveTableTest {

  @Test
  void showsTheFleetFirstThenClustersWithTheTruthBesideEachRate() {
    List<FleetWindow> windows =
        List.of(
            window("cluster", "us-east", "10s", 2742.4, null),
            window("fleet", null, "10s", 5730.0, 0.21),
            window("cluster", "eu-west", "10s", 2987.7, 0.2),
            window("fleet", null, "1m", 1.0, 0.5));

    String frame =
        LiveTable.render(windows, "10s", w -> w.getScope().equals("fleet") ? 5722.3 : Double.NaN);

    List<String> lines = frame.lines().toList();
    assertEquals(5, lines.size(), frame);
    assertTrue(lines.get(0).startsWith("window 10s ending "), frame);
    assertEquals(
        List.of(
            "scope",
            "tokens/s",
            "truth",
            "TTFT",
            "p99",
            "running",
            "waiting",
            "KV",
            "max",
            "nodes",
            "up"),
        List.of(lines.get(1).trim().split("\\s+")));
    assertEquals(
        List.of("fleet", "5730.0", "5722.3", "412ms", "3", "1", "0.21", "3/4"),
        List.of(lines.get(2).trim().split("\\s+")));
    assertEquals(
        List.of("eu-west", "2987.7", "-", "-", "3", "1", "0.20", "3/4"),
        List.of(lines.get(3).trim().split("\\s+")));
    assertEquals(
        List.of("us-east", "2742.4", "-", "-", "3", "1", "-", "3/4"),
        List.of(lines.get(4).trim().split("\\s+")));
  }

  @Test
  void saysWhatItIsWaitingForBeforeTheFirstWindow() {
    String frame = LiveTable.render(List.of(), "10s", w -> 0);
    assertTrue(frame.startsWith("waiting for the first closed 10s window"), frame);
  }

  private static FleetWindow window(
      String scope, String cluster, String size, double rate, Double kvMax) {
    return FleetWindow.newBuilder()
        .setScope(scope)
        .setCluster(cluster)
        .setModel(null)
        .setNode(null)
        .setWindow(size)
        .setWindowStartMs(Instant.ofEpochSecond(1_800_000_000))
        .setWindowEndMs(Instant.ofEpochSecond(1_800_000_010))
        .setGenerationTokensPerSecond(rate)
        .setPromptTokensPerSecond(null)
        .setRequestsRunningSum(3.0)
        .setRequestsRunningMax(1.0)
        .setRequestsWaitingSum(1.0)
        .setRequestsWaitingMax(1.0)
        .setKvCacheUsageMean(kvMax)
        .setKvCacheUsageMax(kvMax)
        .setKvCacheUsageP90(kvMax)
        .setNodesUp(3)
        .setNodesDown(1)
        .setLatency(
            scope.equals("fleet") && size.equals("10s")
                ? List.of(
                    new LatencyQuantile("time_to_first_token", "histogram", 0.99, 0.412),
                    new LatencyQuantile("time_to_first_token", "events", 0.99, 0.5))
                : List.of())
        .build();
  }
}
