package io.fleetpulse.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetSpecTest {

  @Test
  void defaultsAreTwoClustersOfFourNodesAtFourRequestsPerSecond() {
    FleetSpec spec = FleetSpec.defaults();
    assertEquals(List.of("us-east", "eu-west"), spec.clusters());
    assertEquals(4, spec.nodesPerCluster());
    assertEquals("meta-llama/Llama-3.1-8B-Instruct", spec.model());
    assertEquals(4.0, spec.requestsPerSecondPerNode());
    assertEquals(42, spec.seed());
  }

  @Test
  void nullAndZeroMeanDefaultButTheSeedIsKept() {
    FleetSpec spec = new FleetSpec(null, 0, null, 0, 0);
    assertEquals(FleetSpec.defaults().clusters(), spec.clusters());
    assertEquals(4, spec.nodesPerCluster());
    assertEquals(4.0, spec.requestsPerSecondPerNode());
    assertEquals(0, spec.seed());
  }

  @Test
  void refusesBadValuesNamingThem() {
    assertMessage("nodes_per_cluster", () -> new FleetSpec(null, -1, null, 0, 1));
    assertMessage("requests_per_second_per_node", () -> new FleetSpec(null, 1, null, -2, 1));
    assertMessage(
        "requests_per_second_per_node", () -> new FleetSpec(null, 1, null, Double.NaN, 1));
    assertMessage("model", () -> new FleetSpec(null, 1, " ", 1, 1));
    assertMessage("at least one cluster", () -> new FleetSpec(List.of(), 1, null, 1, 1));
    assertMessage("clusters[1]", () -> new FleetSpec(Arrays.asList("a", null), 1, null, 1, 1));
    assertMessage("repeats 'a'", () -> new FleetSpec(List.of("a", "a"), 1, null, 1, 1));
  }

  private static void assertMessage(String expected, Runnable construction) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, construction::run);
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }
}
