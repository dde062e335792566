package io.fleetpulse.streams.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.LatencySource;
import io.fleetpulse.streams.state.DetectorState;
import io.fleetpulse.streams.state.SignalPeerLatest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class SlowNodeSignalsTest {

  private static FleetWindow node(int index, int node, double p50) {
    FleetWindow.Builder window = TestWindows.node(index, "10.0.0." + node + ":8000");
    TestWindows.latency(
        window,
        LatencyFamily.INTER_TOKEN_LATENCY,
        LatencySource.HISTOGRAM,
        50,
        p50,
        p50 * 1.4,
        p50 * 1.6,
        p50 * 2);
    return window.build();
  }

  /** {@code nodes} nodes over {@code count} windows; node 1's p50 as given, the others' 20 ms. */
  private static List<Signal> run(int nodes, int count, IntToDoubleFunction first) {
    SlowNodeSignals slowNode = new SlowNodeSignals(SignalsConfig.defaults());
    MapStore<SignalPeerLatest> groups = new MapStore<>();
    MapStore<DetectorState> states = new MapStore<>();
    List<Signal> signals = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      for (int node = 1; node <= nodes; node++) {
        double p50 = node == 1 ? first.applyAsDouble(index) : 0.02;
        signals.addAll(slowNode.accept(node(index, node, p50), groups, states));
      }
    }
    return signals;
  }

  @Test
  void aSlowNodeFiresAfterWarmUpAndPendingAndResolvesWhenItRecovers() {
    List<Signal> signals = run(4, 60, index -> index < 40 ? 0.06 : 0.02);
    List<SignalState> states = signals.stream().map(Signal::getState).distinct().toList();
    assertEquals(
        List.of(
            SignalState.PENDING, SignalState.FIRING, SignalState.RESOLVED, SignalState.INACTIVE),
        states);
    Signal firing =
        signals.stream()
            .filter(signal -> signal.getState() == SignalState.FIRING)
            .findFirst()
            .orElseThrow();
    assertEquals("10.0.0.1:8000", firing.getNode());
    assertEquals("node", firing.getScope());
    assertEquals(3.0, firing.getValue(), 1e-9);
    // Compared from the second window, when node 1 first has peers: then warm-up 2 m and 1 m
    // pending.
    assertEquals(TestWindows.endMs(19), firing.getUpdatedMs().toEpochMilli());
  }

  @Test
  void needsThreePeers() {
    assertTrue(run(3, 40, index -> 0.1).isEmpty());
  }

  @Test
  void aNodeFlappingAroundTheRatioDoesNotFire() {
    List<Signal> signals = run(5, 100, index -> index % 2 == 0 ? 0.045 : 0.025);
    assertTrue(signals.stream().noneMatch(signal -> signal.getState() == SignalState.FIRING));
  }

  @Test
  void windowsArrivingInterleavedFromManyTasksStillCompareAndTheSlowNodeFires() {
    SlowNodeSignals slowNode = new SlowNodeSignals(SignalsConfig.defaults());
    MapStore<SignalPeerLatest> groups = new MapStore<>();
    MapStore<DetectorState> states = new MapStore<>();
    List<Signal> signals = new ArrayList<>();
    // Scope-stage tasks run at their own pace: nodes 2 and 4 are always a window behind.
    for (int index = 1; index < 40; index++) {
      signals.addAll(slowNode.accept(node(index, 1, 0.06), groups, states));
      signals.addAll(slowNode.accept(node(index - 1, 2, 0.02), groups, states));
      signals.addAll(slowNode.accept(node(index, 3, 0.02), groups, states));
      signals.addAll(slowNode.accept(node(index - 1, 4, 0.02), groups, states));
    }
    assertTrue(
        signals.stream()
            .anyMatch(
                signal ->
                    signal.getState() == SignalState.FIRING
                        && signal.getNode().equals("10.0.0.1:8000")),
        "the slow node fires: " + signals);
  }

  @Test
  void aWindowOlderThanTheNodesNewestIsDropped() {
    SlowNodeSignals slowNode = new SlowNodeSignals(SignalsConfig.defaults());
    MapStore<SignalPeerLatest> groups = new MapStore<>();
    MapStore<DetectorState> states = new MapStore<>();
    slowNode.accept(node(5, 1, 0.02), groups, states);
    slowNode.accept(node(4, 1, 0.09), groups, states);
    SignalPeerLatest group = groups.get("cluster_model/us-east/llama-8b/10s");
    assertEquals(TestWindows.endMs(5), group.getLatest().get("10.0.0.1:8000").getWindowEndMs());
    assertEquals(0.02, group.getLatest().get("10.0.0.1:8000").getValue());
  }
}
