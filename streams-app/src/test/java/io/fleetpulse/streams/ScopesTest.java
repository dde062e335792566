package io.fleetpulse.streams;

import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.Scrapes.vllm;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fleetpulse.schemas.FleetWindow;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every aggregate exists per fleet, cluster, model, cluster x model and node, with the labels its
 * scope implies.
 */
class ScopesTest {

  private static final double EPSILON = 1e-9;
  private static final String LLAMA = "llama";
  private static final String QWEN = "qwen";

  @TempDir Path stateDir;

  @Test
  void everyScopeIsEmittedWithTheLabelsItImplies() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10), seconds(60))) {
      pipeTwoScrapes(harness, "us", "a:8000", LLAMA, 100);
      pipeTwoScrapes(harness, "us", "b:8000", QWEN, 200);
      pipeTwoScrapes(harness, "eu", "c:8000", LLAMA, 400);
      harness.closeAllWindows();

      Set<String> keys = harness.emitted().stream().map(kv -> kv.key).collect(Collectors.toSet());
      Set<String> expectedScopes =
          Set.of(
              "fleet",
              "cluster/us",
              "cluster/eu",
              "model/llama",
              "model/qwen",
              "cluster_model/us/llama",
              "cluster_model/us/qwen",
              "cluster_model/eu/llama",
              "node/us/llama/a:8000",
              "node/us/qwen/b:8000",
              "node/eu/llama/c:8000");
      Set<String> expectedKeys =
          expectedScopes.stream()
              .flatMap(scope -> Set.of(scope + "/10s", scope + "/1m").stream())
              .collect(Collectors.toSet());
      assertEquals(expectedKeys, keys);

      assertScope(harness.window("fleet/10s", 0), "fleet", null, null, null, 3, 700);
      assertScope(harness.window("cluster/us/10s", 0), "cluster", "us", null, null, 2, 300);
      assertScope(harness.window("model/llama/10s", 0), "model", null, LLAMA, null, 2, 500);
      assertScope(
          harness.window("cluster_model/us/qwen/10s", 0),
          "cluster_model",
          "us",
          QWEN,
          null,
          1,
          200);
      assertScope(
          harness.window("node/eu/llama/c:8000/10s", 0), "node", "eu", LLAMA, "c:8000", 1, 400);
      FleetWindow minute = harness.window("cluster/eu/1m", 0);
      assertEquals("1m", minute.getWindow());
      assertEquals(400 / 4.0, minute.getGenerationTokensPerSecond(), EPSILON);
    }
  }

  @Test
  void theTargetsModelLabelWinsOverTheEnginesAndAModelNamedNowhereIsUnknown() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(
          vllm("us", "a:8000", ms(1))
              .modelName("served-name")
              .targetLabel("model", "from-target")
              .running(0, 1)
              .build());
      harness.pipe(vllm("us", "b:8000", ms(1)).modelName("served-name").running(0, 1).build());
      harness.pipe(vllm("us", "c:8000", ms(1)).build());
      harness.closeAllWindows();

      assertEquals(1, harness.window("model/from-target/10s", 0).getNodesUp());
      assertEquals(1, harness.window("model/served-name/10s", 0).getNodesUp());
      assertEquals(1, harness.window("model/unknown/10s", 0).getNodesUp());
    }
  }

  private static void pipeTwoScrapes(
      TopologyHarness harness, String cluster, String node, String model, double tokens) {
    harness.pipe(vllm(cluster, node, ms(1)).modelName(model).generation(0, 0).build());
    harness.pipe(vllm(cluster, node, ms(5)).modelName(model).generation(0, tokens).build());
  }

  private static void assertScope(
      FleetWindow window,
      String scope,
      String cluster,
      String model,
      String node,
      int nodesUp,
      double tokens) {
    assertEquals(scope, window.getScope());
    assertEquals(cluster, window.getCluster());
    assertEquals(model, window.getModel());
    assertEquals(node, window.getNode());
    assertEquals("10s", window.getWindow());
    assertEquals(nodesUp, window.getNodesUp());
    // Each node was observed over (1 s, 5 s]: its rate is per observed second.
    assertEquals(tokens / 4.0, window.getGenerationTokensPerSecond(), EPSILON);
    assertEquals(tokens, window.getGenerationTokens(), EPSILON);
    assertNull(window.getPromptTokensPerSecond());
  }
}
