package io.fleetpulse.streams.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.streams.state.DetectorState;
import io.fleetpulse.streams.state.SignalPeerLatest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The detectors with their defaults on synthetic fleets (fixed seeds): an overload ramp raises its
 * first signal well before the SLO breach; a steady and a diurnal fleet raise none at all.
 */
class SyntheticSeriesTest {

  private static final int WINDOWS_PER_HOUR = 360;
  private static final double SIX_HOURS_SECONDS = 6 * 3600;

  @Test
  void overloadRampFiresAtLeastTwoMinutesBeforeTheBreach() {
    // 20 minutes at 60% of capacity, then arrivals climb to 150% over 30 minutes.
    SyntheticFleet fleet =
        new SyntheticFleet(
            7,
            t ->
                SyntheticFleet.CAPACITY
                    * (t < 1200 ? 0.6 : Math.min(1.5, 0.6 + 0.9 * (t - 1200) / 1800)));
    List<Signal> signals = evaluate(fleet.run(WINDOWS_PER_HOUR));
    assertNotNull(fleet.breachMs(), "the ramp breaches the SLO");
    Signal first =
        signals.stream()
            .filter(signal -> signal.getState() == SignalState.FIRING)
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing fired"));
    long leadMs = fleet.breachMs() - first.getUpdatedMs().toEpochMilli();
    assertTrue(
        leadMs >= 120_000,
        "first signal "
            + first.getSignal()
            + " fired "
            + leadMs / 1000
            + " s before the breach: "
            + first.getReason());
  }

  @Test
  void overloadRampFiresTheOverloadDetectorsAndNoOthersAtClusterScope() {
    SyntheticFleet fleet =
        new SyntheticFleet(
            11,
            t ->
                SyntheticFleet.CAPACITY
                    * (t < 1200 ? 0.6 : Math.min(1.5, 0.6 + 0.9 * (t - 1200) / 1800)));
    List<String> fired =
        evaluate(fleet.run(WINDOWS_PER_HOUR)).stream()
            .filter(
                signal ->
                    signal.getState() == SignalState.FIRING && signal.getScope().equals("cluster"))
            .map(Signal::getSignal)
            .distinct()
            .sorted()
            .toList();
    assertEquals(
        List.of("capacity_reached", "kv_cache_saturation", "queue_time_rising"),
        fired.stream().filter(id -> !id.equals("ttft_slo_burn")).toList());
  }

  @Test
  void steadyFleetRaisesNothing() {
    SyntheticFleet fleet = new SyntheticFleet(3, t -> 0.6 * SyntheticFleet.CAPACITY);
    assertQuiet(evaluate(fleet.run(2 * WINDOWS_PER_HOUR)));
  }

  @Test
  void diurnalFleetRaisesNothingOverSixHours() {
    SyntheticFleet fleet =
        new SyntheticFleet(
            5,
            t ->
                SyntheticFleet.CAPACITY
                    * 0.5
                    * (1 + 0.3 * Math.sin(2 * Math.PI * t / SIX_HOURS_SECONDS)));
    assertQuiet(evaluate(fleet.run(6 * WINDOWS_PER_HOUR)));
  }

  /**
   * Nothing fires anywhere, and no scope above node even goes pending. A single node of this small,
   * noisy model may briefly go pending on a random excursion (its pending time is what keeps that
   * from firing).
   */
  private static void assertQuiet(List<Signal> signals) {
    List<Signal> raised =
        signals.stream()
            .filter(
                signal ->
                    signal.getState() == SignalState.FIRING
                        || (signal.getState() != SignalState.INACTIVE
                            && !signal.getScope().equals("node")))
            .toList();
    assertTrue(
        raised.isEmpty(),
        () ->
            raised.size()
                + " raised, e.g. "
                + raised.stream()
                    .limit(5)
                    .map(
                        signal ->
                            signal.getScope()
                                + "/"
                                + signal.getNode()
                                + " "
                                + signal.getSignal()
                                + " "
                                + signal.getState()
                                + ": "
                                + signal.getReason())
                    .collect(Collectors.joining("; ")));
  }

  static List<Signal> evaluate(List<FleetWindow> windows) {
    SignalsConfig config = SignalsConfig.defaults();
    WindowSignals windowSignals = new WindowSignals(config);
    SlowNodeSignals slowNode = new SlowNodeSignals(config);
    MapStore<DetectorState> states = new MapStore<>();
    MapStore<SignalPeerLatest> groups = new MapStore<>();
    MapStore<DetectorState> slowStates = new MapStore<>();
    List<Signal> signals = new ArrayList<>();
    for (FleetWindow window : windows) {
      signals.addAll(windowSignals.evaluate(window, states));
      if (slowNode.reads(window)) {
        signals.addAll(slowNode.accept(window, groups, slowStates));
      }
    }
    return signals;
  }
}
