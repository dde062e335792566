package io.fleetpulse.sink;

import static io.fleetpulse.sink.TestWindows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.schemas.FleetWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {

  private static final FleetWindow.Builder EVERYTHING_SET =
      window("fleet", "10s", Instant.parse("2025-03-01T12:00:00Z"))
          .setCluster("us-east")
          .setModel("llama")
          .setNode("n1");

  @Test
  void eachScopeImpliesItsLabels() {
    assertEquals(List.of(), labels("fleet"));
    assertEquals(List.of("cluster=us-east"), labels("cluster"));
    assertEquals(List.of("model=llama"), labels("model"));
    assertEquals(List.of("cluster=us-east", "model=llama"), labels("cluster_model"));
    assertEquals(List.of("cluster=us-east", "node=n1"), labels("node"));
  }

  private static List<String> labels(String scopeName) {
    FleetWindow window = FleetWindow.newBuilder(EVERYTHING_SET).setScope(scopeName).build();
    Scope scope = Scope.of(window);
    assertEquals(scopeName, scope.label());
    List<String> names = scope.labelNames();
    List<String> values = scope.labelValues(window);
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      pairs.add(names.get(i) + "=" + values.get(i));
    }
    return pairs;
  }
}
