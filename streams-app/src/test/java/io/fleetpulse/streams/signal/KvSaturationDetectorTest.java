package io.fleetpulse.streams.signal;

import static io.fleetpulse.streams.signal.Evaluations.count;
import static io.fleetpulse.streams.signal.Evaluations.first;
import static io.fleetpulse.streams.signal.Evaluations.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.streams.state.DetectorState;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class KvSaturationDetectorTest {

  private static final SignalsConfig DEFAULTS = SignalsConfig.defaults();
  private static final SignalName KV = SignalName.KV_CACHE_SATURATION;

  private static FleetWindow usage(int index, double p90) {
    return TestWindows.cluster(index)
        .setKvCacheUsageP90(p90)
        .setKvCacheUsageMax(Math.min(1, p90 + 0.02))
        .build();
  }

  private static List<SignalState> run(int count, IntToDoubleFunction p90) {
    return states(DEFAULTS, KV, count, index -> usage(index, p90.applyAsDouble(index)));
  }

  @Test
  void aHighLevelGoesPendingThenFiresThenResolves() {
    List<SignalState> states = run(80, index -> index < 50 ? 0.5 : index < 60 ? 0.95 : 0.5);
    assertEquals(50, first(states, SignalState.PENDING));
    assertEquals(53, first(states, SignalState.FIRING), "after 30 s pending");
    assertEquals(1, count(states, SignalState.RESOLVED));
    assertEquals(SignalState.INACTIVE, states.get(79));
  }

  @Test
  void aSteadyRiseFiresOnTheTrendBeforeTheLevel() {
    WindowSignals detectors = new WindowSignals(DEFAULTS);
    MapStore<DetectorState> store = new MapStore<>();
    Signal firing = null;
    for (int index = 0; index < 80 && firing == null; index++) {
      double p90 = index < 30 ? 0.5 : 0.5 + 0.008 * (index - 30);
      firing =
          detectors.evaluate(usage(index, p90), store).stream()
              .filter(
                  signal ->
                      signal.getSignal().equals(KV.id()) && signal.getState() == SignalState.FIRING)
              .findFirst()
              .orElse(null);
    }
    assertTrue(firing != null && firing.getValue() < 0.9, "fired below the level: " + firing);
    assertTrue(
        firing.getSecondsToExhaustion() > 0 && firing.getSecondsToExhaustion() < 900,
        firing.getReason());
  }

  @Test
  void aFlatLevelHasNoTimeToExhaustion() {
    WindowSignals detectors = new WindowSignals(DEFAULTS);
    MapStore<DetectorState> store = new MapStore<>();
    Signal last = null;
    for (int index = 0; index < 40; index++) {
      last =
          detectors.evaluate(usage(index, 0.6), store).stream()
              .filter(signal -> signal.getSignal().equals(KV.id()))
              .findFirst()
              .orElseThrow();
    }
    assertNull(last.getSecondsToExhaustion());
    assertEquals(SignalState.INACTIVE, last.getState());
  }

  @Test
  void aNewScopeWarmsUpFirst() {
    List<SignalState> states = run(50, index -> 0.95);
    assertEquals(42, first(states, SignalState.PENDING), "inactive through the 7 minute warm-up");
  }

  @Test
  void aLevelHoveringAtTheThresholdFiresAtMostOnce() {
    List<SignalState> states = run(200, index -> index % 2 == 0 ? 0.91 : 0.84);
    assertEquals(0, count(states, SignalState.FIRING), "clears while pending every other window");
    List<SignalState> near = run(200, index -> index < 30 ? 0.5 : index % 2 == 0 ? 0.91 : 0.87);
    assertEquals(
        0,
        count(near, SignalState.RESOLVED),
        "once firing, a value above the clear level holds it");
  }

  @Test
  void anEngineWithoutKvUsagePublishesNothing() {
    List<SignalState> states =
        states(
            DEFAULTS,
            KV,
            10,
            index -> TestWindows.cluster(index).setGenerationTokensPerSecond(5.0).build());
    assertEquals(10, states.stream().filter(state -> state == null).count());
  }

  @Test
  void aNodeReadsItsOwnUsage() {
    List<SignalState> states =
        states(
            DEFAULTS,
            KV,
            50,
            index ->
                TestWindows.node(index, "10.0.0.1:8000")
                    .setKvCacheUsageMax(index < 45 ? 0.5 : 0.97)
                    .build());
    assertNull(states.get(0), "a quiet node publishes nothing");
    assertEquals(45, first(states, SignalState.PENDING));
  }
}
