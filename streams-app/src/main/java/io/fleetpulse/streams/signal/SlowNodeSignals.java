package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.streams.state.DetectorState;
import io.fleetpulse.streams.state.PeerLatency;
import io.fleetpulse.streams.state.SignalPeerLatest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Slow node: each node's inter-token latency against the median of its peers, the other nodes
 * serving the same model in the same cluster. The node windows of one model arrive re-keyed by
 * {@link #peerKey}, from every scope-stage task, interleaved in no particular order of their end
 * (replaying a backlog, one task ran 20 windows ahead of another); so each node's newest window is
 * kept, and a node is compared as its own window arrives with every peer's newest, however far
 * ahead: a latency changes slowly, and a peer ahead is no less current. A window older than the one
 * kept for its node is dropped; a peer whose newest window ended {@link #GONE_AFTER_WINDOWS}
 * windows before this one is gone and left out, and forgotten after {@link #FORGET_AFTER_WINDOWS},
 * long enough that a task replaying a backlog behind the others is not taken for gone for good.
 */
public final class SlowNodeSignals {

  static final int GONE_AFTER_WINDOWS = 10;
  static final int FORGET_AFTER_WINDOWS = 360;

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

  /** Keeps the node's window as its newest and compares the node with its peers. */
  List<Signal> accept(
      FleetWindow window, SignalStore<SignalPeerLatest> groups, SignalStore<DetectorState> states) {
    Optional<Double> latency = latency(window);
    if (latency.isEmpty()) {
      return List.of();
    }
    String key = peerKey(window);
    long endMs = window.getWindowEndMs().toEpochMilli();
    long sizeMs = endMs - window.getWindowStartMs().toEpochMilli();
    SignalPeerLatest group = groups.get(key);
    if (group == null) {
      group = new SignalPeerLatest(window.getCluster(), window.getModel(), new HashMap<>());
    }
    PeerLatency held = group.getLatest().get(window.getNode());
    if (held != null && held.getWindowEndMs() >= endMs) {
      return List.of();
    }
    group.getLatest().put(window.getNode(), new PeerLatency(endMs, latency.get()));
    group
        .getLatest()
        .values()
        .removeIf(peer -> peer.getWindowEndMs() < endMs - FORGET_AFTER_WINDOWS * sizeMs);
    groups.put(key, group);
    List<Double> peers = new ArrayList<>();
    group
        .getLatest()
        .forEach(
            (node, peer) -> {
              if (!node.equals(window.getNode())
                  && peer.getWindowEndMs() >= endMs - GONE_AFTER_WINDOWS * sizeMs) {
                peers.add(peer.getValue());
              }
            });
    return compare(window, endMs, latency.get(), peers, states).map(List::of).orElse(List.of());
  }

  private Optional<Signal> compare(
      FleetWindow window,
      long nowMs,
      double value,
      List<Double> peers,
      SignalStore<DetectorState> states) {
    if (peers.size() < slowNode.minPeers()) {
      return Optional.empty();
    }
    double median = Median.of(peers);
    if (!(median > 0)) {
      return Optional.empty();
    }
    double ratio = value / median;
    String reason =
        String.format(
            Locale.ROOT,
            "p%.0f inter-token latency %.4f s on %s, %.1fx the median %.4f s of its %d peers (fires at %.1fx)",
            slowNode.quantile() * 100,
            value,
            window.getNode(),
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
    return new DetectorRun(states)
        .run(
            SignalTarget.node(window.getCluster(), window.getModel(), window.getNode()),
            SignalName.SLOW_NODE,
            Severity.WARNING,
            nowMs,
            slowNode.warmUp(),
            Hysteresis.timed(nowMs, slowNode.pendingFor(), config.keepFiringFor()),
            memory -> Optional.of(evaluation));
  }

  private Optional<Double> latency(FleetWindow window) {
    return WindowLatencies.of(window, LatencyFamily.INTER_TOKEN_LATENCY)
        .flatMap(latencies -> latencies.at(slowNode.quantile()))
        .filter(value -> value >= 0);
  }
}
