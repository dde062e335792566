package io.fleetpulse.streams.rollup;

import static io.fleetpulse.streams.rollup.Rollups.assertEventQuantilesWithinOnePercent;
import static io.fleetpulse.streams.rollup.Rollups.assertMergeOf;
import static io.fleetpulse.streams.rollup.Rollups.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.streams.Scrapes;
import io.fleetpulse.streams.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated day and a few minutes of two nodes through the whole topology, live 1 m windows only:
 * each tier is the merge of the one below, closes when the stream passes its end, and closes too
 * when some lower windows never came (node b silent for half an hour, down for an hour).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollupTiersTest {

  private static final long HOUR_MS = Duration.ofHours(1).toMillis();
  private static final long DAY_MS = Duration.ofDays(1).toMillis();
  private static final String NODE_B_SCOPE =
      "node/c1/" + Scrapes.MODEL + "/" + SimulatedFleet.NODE_B;
  private static final List<String> SCOPES =
      List.of(
          "fleet",
          "cluster/c1",
          "model/" + Scrapes.MODEL,
          "node/c1/" + Scrapes.MODEL + "/" + SimulatedFleet.NODE_A,
          NODE_B_SCOPE);

  @TempDir static Path stateDir;

  private final SimulatedFleet fleet =
      new SimulatedFleet()
          .silentB(3 * HOUR_MS, 3 * HOUR_MS + HOUR_MS / 2)
          .downB(5 * HOUR_MS, 6 * HOUR_MS);
  private TopologyHarness harness;
  private int dayWindowsBeforeTheDayEnded;
  private int hourWindowsBeforeTheHourEnded;

  @BeforeAll
  void runADay() {
    harness =
        TopologyHarness.replaying(
            stateDir,
            "rollup-test",
            Scrapes.BASE.plusMillis(DAY_MS + HOUR_MS),
            SimulatedFleet.GRACE,
            SimulatedFleet.EVENT_LATENESS,
            Duration.ofMinutes(1));
    SimulatedFleet.pipeBackfill(harness, fleet.steps(0, 2 * HOUR_MS - 60_000));
    hourWindowsBeforeTheHourEnded = harness.rollups("1h", "fleet").size();
    SimulatedFleet.pipeBackfill(harness, fleet.steps(2 * HOUR_MS - 60_000, DAY_MS - 60_000));
    dayWindowsBeforeTheDayEnded = harness.rollups("1d").size();
    SimulatedFleet.pipeBackfill(harness, fleet.steps(DAY_MS - 60_000, DAY_MS + 120_000));
  }

  @AfterAll
  void close() {
    harness.close();
  }

  @Test
  void theMinuteTierIsTheLiveMinuteWindowWithRatesPerSecondOfTheMinute() {
    List<RollupWindow> minutes = harness.rollups("1m", "fleet");
    assertTrue(minutes.size() >= 24 * 60, "a day of minutes, got " + minutes.size());
    for (RollupWindow minute : minutes) {
      FleetWindow live =
          harness.window(
              "fleet/1m",
              minute.getWindow().getWindowStartMs().toEpochMilli() - Scrapes.BASE.toEpochMilli());
      FleetWindow tier = minute.getWindow();
      assertEquals("1m", tier.getWindow());
      assertEquals(live.getGenerationTokens(), tier.getGenerationTokens());
      assertEquals(live.getPromptTokens(), tier.getPromptTokens());
      assertEquals(live.getLatency(), tier.getLatency());
      assertEquals(live.getLatencyTotals(), tier.getLatencyTotals());
      assertEquals(live.getNodesUp(), tier.getNodesUp());
      assertEquals(live.getKvCacheUsageMax(), tier.getKvCacheUsageMax());
      assertEquals(tier.getGenerationTokens() / 60, tier.getGenerationTokensPerSecond(), 1e-9);
      assertEquals(1, minute.getTierWindows());
    }
  }

  @Test
  void eachHourIsTheMergeOfItsMinutes() {
    for (String scope : SCOPES) {
      List<RollupWindow> hours = harness.rollups("1h", scope);
      assertEquals(24, hours.size(), scope);
      for (RollupWindow hour : hours) {
        assertEquals("1h", hour.getWindow().getWindow());
        assertMergeOf(hour, within(hour, harness.rollups("1m", scope)));
      }
    }
  }

  @Test
  void eachDayIsTheMergeOfItsHours() {
    for (String scope : SCOPES) {
      List<RollupWindow> days = harness.rollups("1d", scope);
      assertEquals(1, days.size(), scope);
      RollupWindow day = days.get(0);
      assertEquals("1d", day.getWindow().getWindow());
      assertEquals(Scrapes.BASE, day.getWindow().getWindowStartMs());
      assertMergeOf(day, harness.rollups("1h", scope));
    }
  }

  @Test
  void eventQuantilesOfHoursAndTheDayAreWithinTheSketchAccuracy() {
    for (RollupWindow hour : harness.rollups("1h", "fleet")) {
      assertEventQuantilesWithinOnePercent(hour, ttftsWithin(hour));
    }
    assertEventQuantilesWithinOnePercent(
        harness.rollups("1d", "fleet").get(0), ttftsWithin(harness.rollups("1d", "fleet").get(0)));
  }

  @Test
  void aTierWindowClosesOnlyOnceTheStreamHasPassedItsEnd() {
    assertEquals(1, hourWindowsBeforeTheHourEnded, "only the first hour, at 1:59");
    assertEquals(0, dayWindowsBeforeTheDayEnded);
    assertEquals(SCOPES.size() + 1, harness.rollups("1d").size(), "one day per scope");
  }

  @Test
  void anHourClosesWhenSomeOfItsMinutesNeverCame() {
    RollupWindow silent = harness.rollups("1h", NODE_B_SCOPE).get(3);
    assertEquals(Scrapes.BASE.plusMillis(3 * HOUR_MS), silent.getWindow().getWindowStartMs());
    assertTrue(
        silent.getTierWindows() > 0 && silent.getTierWindows() < 60,
        "half an hour of minutes, got " + silent.getTierWindows());
    assertEquals(1800.0, silent.getNodeSecondsUp());
  }

  @Test
  void nodeSecondsUpAndDownAreTheLiveMinutesNodeCountsTimesTheirLength() {
    for (RollupWindow minute : harness.rollups("1m").stream().map(kv -> kv.value).toList()) {
      assertEquals(60.0 * minute.getWindow().getNodesUp(), minute.getNodeSecondsUp());
      assertEquals(60.0 * minute.getWindow().getNodesDown(), minute.getNodeSecondsDown());
    }
    RollupWindow downHour = harness.rollups("1h", NODE_B_SCOPE).get(5);
    assertEquals(Scrapes.BASE.plusMillis(5 * HOUR_MS), downHour.getWindow().getWindowStartMs());
    assertEquals(0.0, downHour.getNodeSecondsUp());
    assertEquals(3600.0, downHour.getNodeSecondsDown());
    assertEquals(0, downHour.getWindow().getNodesUp());
  }

  @Test
  void nodeHoursOfTheDayAreTheTimeEachNodeWasUpOrDown() {
    RollupWindow day = harness.rollups("1d", "fleet").get(0);
    assertEquals(2 * 86_400.0 - 1800 - 3600, day.getNodeSecondsUp(), "b silent 30 min, down 1 h");
    assertEquals(3600.0, day.getNodeSecondsDown());
    assertEquals(2, day.getWindow().getNodesUp());
    assertEquals(1, day.getWindow().getNodesDown());
  }

  @Test
  void ratesOfATierWindowArePerSecondOfTheWindow() {
    RollupWindow day = harness.rollups("1d", "fleet").get(0);
    assertEquals(
        day.getWindow().getGenerationTokens() / 86_400,
        day.getWindow().getGenerationTokensPerSecond(),
        1e-9);
  }

  @Test
  void tierWindowsAreKeyedByScopeAndWindowStart() {
    String dayStart = Long.toString(Scrapes.BASE.toEpochMilli());
    assertTrue(
        harness.rollups("1d").stream().anyMatch(kv -> kv.key.equals("cluster/c1|" + dayStart)),
        harness.rollups("1d").stream().map(kv -> kv.key).toList().toString());
  }

  private List<Double> ttftsWithin(RollupWindow window) {
    Instant start = window.getWindow().getWindowStartMs();
    Instant end = window.getWindow().getWindowEndMs();
    return fleet.ttfts().stream()
        .filter(t -> !Scrapes.BASE.plusMillis(t.finishedAtMs()).isBefore(start))
        .filter(t -> Scrapes.BASE.plusMillis(t.finishedAtMs()).isBefore(end))
        .map(SimulatedFleet.Ttft::seconds)
        .toList();
  }
}
