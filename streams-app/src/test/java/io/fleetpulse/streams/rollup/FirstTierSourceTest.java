package io.fleetpulse.streams.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.streams.Scrapes;
import io.fleetpulse.streams.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a live 1 m window the minute tier is merged from the 10 s windows, and holds what a live
 * 1 m window over the same scrapes holds: the same tokens and bucket increases, up to rounding.
 */
class FirstTierSourceTest {

  private static final long MINUTES_MS = 20 * 60_000;
  private static final double ROUNDING = 1e-9;

  @TempDir Path stateDir;
  private List<FleetWindow> tenSecondFleetWindows;

  @Test
  void theMinuteTierOfTenSecondWindowsEqualsTheLiveMinute() {
    List<RollupWindow> fromTenSeconds = minutes(Duration.ofSeconds(10));
    List<RollupWindow> fromLiveMinutes = minutes(Duration.ofMinutes(1));

    assertEquals(fromLiveMinutes.size(), fromTenSeconds.size());
    for (int i = 0; i < fromTenSeconds.size(); i++) {
      RollupWindow merged = fromTenSeconds.get(i);
      RollupWindow live = fromLiveMinutes.get(i);
      FleetWindow mergedWindow = merged.getWindow();
      FleetWindow liveWindow = live.getWindow();
      assertEquals(liveWindow.getWindowStartMs(), mergedWindow.getWindowStartMs());
      assertEquals(
          liveWindow.getGenerationTokens(),
          mergedWindow.getGenerationTokens(),
          ROUNDING * liveWindow.getGenerationTokens());
      List<Double> liveBuckets = buckets(live);
      List<Double> mergedBuckets = buckets(merged);
      for (int bucket = 0; bucket < liveBuckets.size(); bucket++) {
        assertEquals(
            liveBuckets.get(bucket),
            mergedBuckets.get(bucket),
            ROUNDING * Math.max(1, liveBuckets.get(bucket)));
      }
      long tenSecondWindows =
          tenSecondFleetWindows.stream()
              .filter(w -> !w.getWindowStartMs().isBefore(mergedWindow.getWindowStartMs()))
              .filter(w -> w.getWindowEndMs().compareTo(mergedWindow.getWindowEndMs()) <= 0)
              .count();
      assertEquals(tenSecondWindows, merged.getTierWindows(), mergedWindow.toString());
    }
  }

  private List<RollupWindow> minutes(Duration liveWindow) {
    try (TopologyHarness harness =
        TopologyHarness.replaying(
            stateDir.resolve(liveWindow.toString()),
            "first-tier-" + liveWindow.toSeconds(),
            Scrapes.BASE.plusMillis(MINUTES_MS),
            SimulatedFleet.GRACE,
            SimulatedFleet.EVENT_LATENESS,
            liveWindow)) {
      SimulatedFleet.pipeBackfill(harness, new SimulatedFleet().steps(0, MINUTES_MS));
      harness.closeAllWindows();
      if (liveWindow.equals(Duration.ofSeconds(10))) {
        tenSecondFleetWindows = harness.windows("fleet/10s");
      }
      return harness.rollups("1m", "fleet");
    }
  }

  private static List<Double> buckets(RollupWindow window) {
    return Rollups.aggregate(window)
        .getHistograms()
        .get(io.fleetpulse.streams.profile.CanonicalHistogram.TIME_TO_FIRST_TOKEN.id())
        .get(0)
        .getCumulativeCounts();
  }
}
