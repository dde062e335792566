package io.fleetpulse.streams.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.Scrapes;
import io.fleetpulse.streams.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay: the same scrapes and request events (two hours), read again from the start by a
 * topology under a new application id a day later, all at once, give the windows the live run gave,
 * on every tier.
 */
class BackfillTest {

  private static final long RUN_MS = Duration.ofHours(2).plusMinutes(2).toMillis();
  private static final Duration[] WINDOWS = {Duration.ofSeconds(10), Duration.ofMinutes(1)};

  @TempDir Path stateDir;

  @Test
  void backfilledWindowsEqualTheLiveOnes() {
    List<SimulatedFleet.Step> steps =
        new SimulatedFleet()
            .downB(Duration.ofMinutes(70).toMillis(), Duration.ofMinutes(80).toMillis())
            .steps(0, RUN_MS);
    try (TopologyHarness live =
            TopologyHarness.replaying(
                stateDir.resolve("live"),
                "fleetpulse-streams",
                Scrapes.BASE,
                SimulatedFleet.GRACE,
                SimulatedFleet.EVENT_LATENESS,
                WINDOWS);
        TopologyHarness backfill =
            TopologyHarness.replaying(
                stateDir.resolve("backfill"),
                "fleetpulse-streams-backfill",
                Scrapes.BASE.plus(Duration.ofDays(1)),
                SimulatedFleet.GRACE,
                SimulatedFleet.EVENT_LATENESS,
                WINDOWS)) {
      SimulatedFleet.pipeLive(live, steps);
      SimulatedFleet.pipeBackfill(backfill, steps);

      Map<String, FleetWindow> liveWindows = byKeyAndStart(live.emitted());
      assertTrue(liveWindows.size() > 6 * 2 * 60, "windows of two hours: " + liveWindows.size());
      assertEquals(liveWindows, byKeyAndStart(backfill.emitted()));
      for (String tier : Topics.ROLLUP_TIERS) {
        Map<String, RollupWindow> liveTier = byKey(live.rollups(tier));
        assertEquals(liveTier, byKey(backfill.rollups(tier)), tier);
      }
      assertEquals(2 * 6, live.rollups("1h").size(), "two hours of six scopes");
    }
  }

  private static Map<String, FleetWindow> byKeyAndStart(List<KeyValue<String, FleetWindow>> all) {
    Map<String, FleetWindow> windows = new TreeMap<>();
    for (KeyValue<String, FleetWindow> window : all) {
      FleetWindow previous =
          windows.put(window.key + "@" + window.value.getWindowStartMs(), window.value);
      assertEquals(null, previous, "emitted once: " + window.key);
    }
    return windows;
  }

  private static Map<String, RollupWindow> byKey(List<KeyValue<String, RollupWindow>> all) {
    Map<String, RollupWindow> windows = new TreeMap<>();
    for (KeyValue<String, RollupWindow> window : all) {
      assertEquals(null, windows.put(window.key, window.value), "emitted once: " + window.key);
    }
    return windows;
  }
}
