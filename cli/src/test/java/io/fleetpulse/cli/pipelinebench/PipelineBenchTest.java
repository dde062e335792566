package io.fleetpulse.cli.pipelinebench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineBenchTest {

  private static final List<Duration> WINDOWS =
      List.of(Duration.ofSeconds(10), Duration.ofMinutes(1));

  @Test
  void onlyWindowsWhollyInsideTheMeasuredStretchAreExpected() {
    // 65 s to 185 s: 10 s windows from 70 s to 180 s, 1 m windows from 120 s to 180 s.
    assertEquals(
        Map.of("10s", 11, "1m", 1), PipelineBench.expectedWindows(WINDOWS, 65_000, 185_000));
  }

  @Test
  void aStretchStartingOnAWindowBoundaryIncludesThatWindow() {
    assertEquals(
        Map.of("10s", 12, "1m", 2), PipelineBench.expectedWindows(WINDOWS, 60_000, 180_000));
  }

  @Test
  void aStretchShorterThanAWindowExpectsNoneOfThatSize() {
    assertEquals(Map.of("10s", 2, "1m", 0), PipelineBench.expectedWindows(WINDOWS, 5_000, 35_000));
  }
}
