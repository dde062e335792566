package io.fleetpulse.sink.exposition;

import static io.fleetpulse.sink.TestWindows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.sink.SeriesKey;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sink names a node-scope series by exactly what the streams app keys its aggregate by. */
class NodeSeriesIdentityTest {

  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void aNodeScopeSeriesIsKeyedAndLabelledAsTheStreamsAppKeysIt() {
    FleetWindow window = node("us-east", "llama-8b", "10.0.0.1:8000");

    SeriesKey key = SeriesKey.of(window);

    assertEquals(Scope.NODE, key.scope());
    assertEquals(
        Scope.NODE.key("us-east", "llama-8b", "10.0.0.1:8000"),
        key.scope().label() + "/" + String.join("/", key.labelValues()));
    Map<String, String> scopeLabels = scopeLabels(WindowLabels.of(window));
    assertEquals(Scope.NODE.labelNames(), List.copyOf(scopeLabels.keySet()));
    assertEquals(
        Scope.NODE.labelValues("us-east", "llama-8b", "10.0.0.1:8000"),
        List.copyOf(scopeLabels.values()));
  }

  @Test
  void oneModelChangeIsANewSeries() {
    SeriesKey before = SeriesKey.of(node("us-east", "llama-8b", "n1"));
    SeriesKey after = SeriesKey.of(node("us-east", "qwen-7b", "n1"));

    assertNotEquals(before, after);
  }

  @Test
  void aLlamaCppNodeWhoseModelIsUnknownKeepsModelUnknown() {
    Labels labels = WindowLabels.of(node("edge", "unknown", "n9"));

    assertEquals("unknown", labels.get("model"));
  }

  @Test
  void everyScopeExportsTheLabelsItImpliesAndNoOther() {
    for (Scope scope : Scope.values()) {
      FleetWindow window =
          window(scope.label(), "10s", T).setCluster("c").setModel("m").setNode("n").build();

      assertEquals(
          scope.labelNames(),
          List.copyOf(scopeLabels(WindowLabels.of(window)).keySet()),
          scope.label());
    }
  }

  private static FleetWindow node(String cluster, String model, String node) {
    return window("node", "10s", T)
        .setCluster(cluster)
        .setModel(model)
        .setNode(node)
        .setEngine("vllm")
        .build();
  }

  /** The labels besides scope, window and engine, in the order the scope names them. */
  private static Map<String, String> scopeLabels(Labels labels) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String name : List.of("cluster", "model", "node")) {
      for (Label label : labels) {
        if (label.getName().equals(name)) {
          byName.put(name, label.getValue());
        }
      }
    }
    return byName;
  }
}
