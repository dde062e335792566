package io.fleetpulse.sink;

import static io.fleetpulse.sink.TestWindows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NodeSeriesLimitTest {

  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
  private static final Duration STALE = Duration.ofMinutes(5);

  private final RecordDrops drops = new RecordDrops();

  @Test
  void beyondMaxNodesANodeIsTakenOnlyWhenItsKvCacheIsFullerThanTheEmptiestHeld() {
    LatestWindows latest = new LatestWindows(STALE, new NodeScopeConfig(true, 2), drops);
    latest.offer(node("n1", 0.50, T));
    latest.offer(node("n2", 0.20, T));

    assertFalse(latest.offer(node("n3", 0.10, T)), "emptier than both held");
    assertTrue(latest.offer(node("n4", 0.90, T)), "fuller than n2");
    assertTrue(latest.offer(node("n1", 0.55, T.plusSeconds(10))), "a held node stays");

    assertEquals(Set.of("n1", "n4"), nodes(latest));
    assertEquals(2, latest.heldNodes(T.plusSeconds(10)));
    assertEquals(2, drops.count(DropReason.MAX_NODES), "n3 refused, n2 let go");
  }

  @Test
  void equalKvUsageIsDecidedByInterTokenLatency() {
    LatestWindows latest = new LatestWindows(STALE, new NodeScopeConfig(true, 1), drops);
    latest.offer(node("fast", 0.5, T, 0.02));

    assertTrue(latest.offer(node("slow", 0.5, T, 0.09)));

    assertEquals(Set.of("slow"), nodes(latest));
  }

  @Test
  void aStaleNodeFreesItsPlace() {
    LatestWindows latest = new LatestWindows(STALE, new NodeScopeConfig(true, 1), drops);
    latest.offer(node("old", 0.9, T));

    assertEquals(0, latest.heldNodes(T.plus(STALE).plusSeconds(1)));
    assertTrue(latest.offer(node("new", 0.1, T.plus(STALE).plusSeconds(1))));

    assertEquals(0, drops.count(DropReason.MAX_NODES));
  }

  @Test
  void disabledNodeScopeExportsNoNodeWindowAndCountsThem() {
    LatestWindows latest = new LatestWindows(STALE, new NodeScopeConfig(false, null), drops);

    assertFalse(latest.offer(node("n1", 0.5, T)));
    assertTrue(latest.offer(TestWindows.fleet("10s", T)));

    assertEquals(List.of("fleet"), latest.current(T).stream().map(FleetWindow::getScope).toList());
    assertEquals(1, drops.count(DropReason.NODE_SCOPE_DISABLED));
  }

  private static FleetWindow node(String name, double kvMax, Instant end) {
    return node(name, kvMax, end, 0.03);
  }

  private static FleetWindow node(String name, double kvMax, Instant end, double itlP99) {
    return window("node", "10s", end)
        .setCluster("c")
        .setModel("m")
        .setNode(name)
        .setKvCacheUsageMax(kvMax)
        .setLatency(List.of(new LatencyQuantile("inter_token_latency", "histogram", 0.99, itlP99)))
        .build();
  }

  private static Set<String> nodes(LatestWindows latest) {
    return latest.current(T.plusSeconds(10)).stream()
        .map(FleetWindow::getNode)
        .collect(Collectors.toSet());
  }
}
