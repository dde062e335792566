package io.fleetpulse.sink.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.sink.TestWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierWindowsTest {

  private static final Instant T = Instant.parse("2026-01-10T00:00:00Z");

  private static FleetWindow minute(int i, double tokens) {
    Instant end = T.plus(Duration.ofMinutes(i + 1));
    return TestWindows.window("fleet", "1m", end)
        .setWindowStartMs(end.minus(Duration.ofMinutes(1)))
        .setGenerationTokens(tokens)
        .build();
  }

  @Test
  void aWindowReEmittedWithTheSameStartReplacesTheOneKeptAsOnTheCompactedTopic() {
    TierWindows tiers = new TierWindows(new HistoryConfig(10, 10));
    tiers.keep("1m", minute(0, 1));
    tiers.keep("1m", minute(1, 2));
    tiers.keep("1m", minute(0, 3));

    List<FleetWindow> kept = tiers.windows("1m", "fleet", 0, Long.MAX_VALUE);

    assertEquals(List.of(3.0, 2.0), kept.stream().map(FleetWindow::getGenerationTokens).toList());
  }

  @Test
  void keepsTheNewestByStartEvenWhenTheyArriveOutOfOrder() {
    TierWindows tiers = new TierWindows(new HistoryConfig(2, 10));
    tiers.keep("1m", minute(2, 2));
    tiers.keep("1m", minute(0, 0));
    tiers.keep("1m", minute(1, 1));

    assertEquals(
        List.of(1.0, 2.0),
        tiers.windows("1m", "fleet", 0, Long.MAX_VALUE).stream()
            .map(FleetWindow::getGenerationTokens)
            .toList());
  }

  @Test
  void refusesATierThatIsNotOneOfTheRollups() {
    TierWindows tiers = new TierWindows(HistoryConfig.defaults());
    assertThrows(IllegalArgumentException.class, () -> tiers.keep("10s", minute(0, 0)));
  }

  @Test
  void theBoundsMustBeSane() {
    assertThrows(IllegalArgumentException.class, () -> new HistoryConfig(0, null));
    assertThrows(IllegalArgumentException.class, () -> new HistoryConfig(null, 10_001));
    assertEquals(240, HistoryConfig.defaults().maxWindows());
    assertEquals(100, HistoryConfig.defaults().maxSeries());
  }
}
