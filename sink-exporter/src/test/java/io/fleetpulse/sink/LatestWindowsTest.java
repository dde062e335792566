package io.fleetpulse.sink;

import static io.fleetpulse.sink.TestWindows.cluster;
import static io.fleetpulse.sink.TestWindows.fleet;
import static io.fleetpulse.sink.TestWindows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatestWindowsTest {

  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

  private final LatestWindows latest = new LatestWindows(Duration.ofMinutes(5));

  @Test
  void newerWindowReplacesTheHeldOne() {
    FleetWindow first = fleet("10s", T);
    FleetWindow second = fleet("10s", T.plusSeconds(10));

    assertTrue(latest.offer(first));
    assertTrue(latest.offer(second));

    assertEquals(List.of(second), List.copyOf(latest.current(T.plusSeconds(10))));
  }

  @Test
  void olderOrEquallyOldWindowIsIgnored() {
    FleetWindow held = window("fleet", "10s", T).setNodesUp(4).build();
    assertTrue(latest.offer(held));

    assertFalse(latest.offer(fleet("10s", T.minusSeconds(10))));
    assertFalse(latest.offer(window("fleet", "10s", T).setNodesUp(9).build()));

    assertEquals(List.of(held), List.copyOf(latest.current(T)));
  }

  @Test
  void scopeLabelsAndWindowNameMakeSeparateSeries() {
    List<FleetWindow> all =
        List.of(
            fleet("10s", T),
            fleet("1m", T),
            cluster("us-east", "10s", T),
            cluster("eu-west", "10s", T));
    all.forEach(latest::offer);

    assertEquals(Set.copyOf(all), Set.copyOf(latest.current(T)));
  }

  @Test
  void fieldsTheScopeDoesNotImplyDoNotSplitASeries() {
    FleetWindow before =
        window("cluster", "10s", T).setCluster("us-east").setModel("llama").build();
    FleetWindow after =
        window("cluster", "10s", T.plusSeconds(10)).setCluster("us-east").setModel("qwen").build();

    latest.offer(before);
    latest.offer(after);

    assertEquals(List.of(after), List.copyOf(latest.current(T.plusSeconds(10))));
  }

  @Test
  void aNodeThatChangesModelIsANewSeriesNeverAMergedOne() {
    FleetWindow llama =
        window("node", "10s", T).setCluster("us-east").setNode("n1").setModel("llama").build();
    FleetWindow qwen =
        window("node", "10s", T.plusSeconds(10))
            .setCluster("us-east")
            .setNode("n1")
            .setModel("qwen")
            .build();

    latest.offer(qwen);
    latest.offer(llama);

    assertEquals(Set.of(llama, qwen), Set.copyOf(latest.current(T.plusSeconds(10))));
  }

  @Test
  void windowsOlderThanStaleAfterAreOmitted() {
    FleetWindow old = fleet("1m", T);
    FleetWindow fresh = fleet("10s", T.plus(Duration.ofMinutes(3)));
    latest.offer(old);
    latest.offer(fresh);

    assertEquals(Set.of(old, fresh), Set.copyOf(latest.current(T.plus(Duration.ofMinutes(5)))));
    assertEquals(
        List.of(fresh), List.copyOf(latest.current(T.plus(Duration.ofMinutes(5)).plusMillis(1))));
  }

  @Test
  void aStaleSeriesIsDroppedSoAnyLaterWindowIsTakenAgain() {
    latest.offer(fleet("10s", T.plusSeconds(60)));
    latest.current(T.plus(Duration.ofMinutes(10)));

    assertTrue(latest.offer(fleet("10s", T)));
  }

  @Test
  void unknownScopeIsRejectedByName() {
    FleetWindow region = window("region", "10s", T).build();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> latest.offer(region));

    assertEquals(
        "unknown scope 'region' (expected one of fleet, cluster, model, cluster_model, node)",
        e.getMessage());
  }

  @Test
  void windowWithoutALabelItsScopeImpliesIsRejected() {
    FleetWindow noNode = window("node", "1m", T).setCluster("us-east").setModel("llama").build();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> latest.offer(noNode));

    assertEquals("node-scope record has no node", e.getMessage());
    assertTrue(latest.current(T).isEmpty());
  }
}
