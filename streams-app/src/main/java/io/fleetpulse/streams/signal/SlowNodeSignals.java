package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.streams.state.DetectorState;
import io.fleetpulse.streams.state.SignalPeerWindows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Slow node: each node's inter-token latency against the median of its peers, the other nodes
 * serving the same model in the same cluster over the same window. The node windows of one model
 * arrive re-keyed by {@link #peerKey}; those of one window end are gathered, and compared when the
 * next window end arrives (every node's window closes together, so by then the set is complete). A
 * later window of an already compared end is dropped.
 */
public final class SlowNodeSignals {

  private final SignalsConfig config;
  private final SignalsConfig.SlowNode slowNode;

  public SlowNodeSignals(SignalsConfig config) {
    this.config = config;
    this.slowNode = config.slowNode();
  }

  /**
   * The key node windows are re-partitioned by: the cluster_model scope key and the window name.
   */
  public static String peerKey(FleetWindow window) {
    return Scope.CLUSTER_MODEL.key(window.getCluster(), window.getModel(), null)
        + "/"
        + window.getWindow();
  }

  /**
   * Whether this window takes part: a node window the detectors read, with the latency compared.
   */
  boolean reads(FleetWindow window) {
    return Scope.NODE.label().equals(window.getScope()) && latency(window).isPresent();
  }

  /**
   * Adds one node window to its peer group; returns the signals of the group's previous window end,
   * if it closed.
   */
  List<Signal> accept(
      FleetWindow window,
      SignalStore<SignalPeerWindows> groups,
      SignalStore<DetectorState> states) {
    Optional<Double> latency = latency(window);
    if (latency.isEmpty()) {
      return List.of();
    }
    String key = peerKey(window);
    SignalPeerWindows group = groups.get(key);
    long endMs = window.getWindowEndMs().toEpochMilli();
    if (group != null && endMs < group.getWindowEndMs()) {
      return List.of();
    }
    List<Signal> signals = List.of();
    if (group != null && endMs > group.getWindowEndMs()) {
      signals = compare(group, states);
      group = null;
    }
    if (group == null) {
      group = new SignalPeerWindows(endMs, window.getCluster(), window.getModel(), new HashMap<>());
    }
    group.getValues().put(window.getNode(), latency.get());
    groups.put(key, group);
    return signals;
  }

  private List<Signal> compare(SignalPeerWindows group, SignalStore<DetectorState> states) {
    long nowMs = group.getWindowEndMs();
    DetectorRun run = new DetectorRun(states);
    Hysteresis hysteresis = Hysteresis.timed(nowMs, slowNode.pendingFor(), config.keepFiringFor());
    List<Signal> signals = new ArrayList<>();
    Map<String, Double> values = new TreeMap<>(group.getValues());
    for (Map.Entry<String, Double> node : values.entrySet()) {
      List<Double> peers = new ArrayList<>(values.size());
      values.forEach(
          (other, value) -> {
            if (!other.equals(node.getKey())) {
              peers.add(value);
            }
          });
      if (peers.size() < slowNode.minPeers()) {
        continue;
      }
      double median = Median.of(peers);
      if (!(median > 0)) {
        continue;
      }
      double ratio = node.getValue() / median;
      String reason =
          String.format(
              Locale.ROOT,
              "p%.0f inter-token latency %.4f s on %s, %.1fx the median %.4f s of its %d peers (fires at %.1fx)",
              slowNode.quantile() * 100,
              node.getValue(),
              node.getKey(),
              ratio,
              median,
              peers.size(),
              slowNode.ratio());
      Evaluation evaluation =
          new Evaluation(
              ratio,
              slowNode.ratio(),
              ratio >= slowNode.ratio(),
              ratio < slowNode.clearRatio(),
              reason);
      run.run(
              SignalTarget.node(group.getCluster(), group.getModel(), node.getKey()),
              SignalName.SLOW_NODE,
              Severity.WARNING,
              nowMs,
              slowNode.warmUp(),
              hysteresis,
              memory -> Optional.of(evaluation))
          .ifPresent(signals::add);
    }
    return signals;
  }

  private Optional<Double> latency(FleetWindow window) {
    return WindowLatencies.of(window, LatencyFamily.INTER_TOKEN_LATENCY)
        .flatMap(latencies -> latencies.at(slowNode.quantile()))
        .filter(value -> value >= 0);
  }
}
