package io.fleetpulse.streams.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.streams.state.DetectorPoint;
import io.fleetpulse.streams.state.DetectorState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorMemoryTest {

  @Test
  void appendKeepsOnlyRecentPoints() {
    DetectorState state = DetectorMemory.fresh(0);
    List<DetectorPoint> points = List.of();
    for (long atMs = 10_000; atMs <= 100_000; atMs += 10_000) {
      points = new DetectorMemory(state, atMs).append("x", atMs / 1000.0, Duration.ofSeconds(30));
    }
    assertEquals(
        List.of(70.0, 80.0, 90.0, 100.0), points.stream().map(DetectorPoint::getValue).toList());
  }

  @Test
  void accumulateSumsIntoOnePointABucket() {
    DetectorState state = DetectorMemory.fresh(0);
    List<DetectorPoint> points = List.of();
    for (long atMs = 10_000; atMs <= 120_000; atMs += 10_000) {
      points =
          new DetectorMemory(state, atMs)
              .accumulate("n", 1, Duration.ofSeconds(30), Duration.ofMinutes(1));
    }
    assertEquals(
        List.of(60_000L, 90_000L, 120_000L), points.stream().map(DetectorPoint::getAtMs).toList());
    assertEquals(List.of(3.0, 3.0, 1.0), points.stream().map(DetectorPoint::getValue).toList());
  }

  @Test
  void baselinesLearnOnlyWhileQuiet() {
    DetectorState state = DetectorMemory.fresh(0);
    assertEquals(1.0, new DetectorMemory(state, 10_000).learn("b", 1, Duration.ofMinutes(1)));
    state.setPhase(SignalState.FIRING.name());
    new DetectorMemory(state, 20_000).learn("b", 100, Duration.ofMinutes(1));
    assertEquals(1.0, state.getLevels().get("b"), "an incident is not the new normal");
  }
}
