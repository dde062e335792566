package io.fleetpulse.simulator.simtime;

import io.fleetpulse.simulator.GroundTruth;
import io.fleetpulse.simulator.SummedGroundTruth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What really happened in a simulated-time run, for judging what FleetPulse made of it.
 *
 * <p>The SLO breach is the first instant at which the fleet's p99 time to first token over the
 * trailing minute (nearest rank, over every request whose first token came in that minute, from the
 * exact per-request values) exceeds the scenario's threshold, or the first client timeout,
 * whichever comes first; empty when neither happens. Token counts per node and for the fleet are
 * exact at whole seconds.
 */
public final class ScenarioTruth {

  private final Instant start;
  private final Instant end;
  private final Instant breachAt;
  private final String breachReason;
  private final List<NodeIdentity> nodes;
  private final Map<String, GroundTruth> tokensByInstance;
  private final Map<String, List<Instant>> crashes;
  private final Map<String, List<Instant>> restarts;
  private final List<String> slowNodes;
  private final Map<String, List<NodeSample>> samples;
  private final long scrapes;
  private final long requests;

  ScenarioTruth(
      Instant start,
      Instant end,
      Instant breachAt,
      String breachReason,
      List<NodeIdentity> nodes,
      Map<String, GroundTruth> tokensByInstance,
      Map<String, List<Instant>> crashes,
      Map<String, List<Instant>> restarts,
      List<String> slowNodes,
      Map<String, List<NodeSample>> samples,
      long scrapes,
      long requests) {
    this.start = start;
    this.end = end;
    this.breachAt = breachAt;
    this.breachReason = breachReason;
    this.nodes = List.copyOf(nodes);
    this.tokensByInstance = Map.copyOf(tokensByInstance);
    this.crashes = Map.copyOf(crashes);
    this.restarts = Map.copyOf(restarts);
    this.slowNodes = List.copyOf(slowNodes);
    this.samples = Map.copyOf(samples);
    this.scrapes = scrapes;
    this.requests = requests;
  }

  public Instant start() {
    return start;
  }

  public Instant end() {
    return end;
  }

  public Optional<Instant> breachAt() {
    return Optional.ofNullable(breachAt);
  }

  /**
   * Why the breach instant is one, e.g. {@code ttft p99 2.31s > 2s over the trailing minute}; null
   * without one.
   */
  public String breachReason() {
    return breachReason;
  }

  public List<NodeIdentity> nodes() {
    return nodes;
  }

  /** One node's tokens, by its instance ({@code host:port}). */
  public GroundTruth node(String instance) {
    GroundTruth truth = tokensByInstance.get(instance);
    if (truth == null) {
      throw new IllegalArgumentException(
          "no simulated node " + instance + "; nodes are " + tokensByInstance.keySet());
    }
    return truth;
  }

  public GroundTruth fleet() {
    return new SummedGroundTruth(new ArrayList<>(tokensByInstance.values()));
  }

  public GroundTruth cluster(String cluster) {
    List<GroundTruth> parts = new ArrayList<>();
    for (NodeIdentity node : nodes) {
      if (node.cluster().equals(cluster)) {
        parts.add(tokensByInstance.get(node.instance()));
      }
    }
    return new SummedGroundTruth(parts);
  }

  /** Crash instants by instance, for the nodes that crashed. */
  public Map<String, List<Instant>> crashes() {
    return crashes;
  }

  /** Restart instants by instance, for the crashed nodes that came back. */
  public Map<String, List<Instant>> restarts() {
    return restarts;
  }

  /** Instances of the nodes with a slow-node fault. */
  public List<String> slowNodes() {
    return slowNodes;
  }

  /** The node's state at each of its scrape instants; empty unless the run kept samples. */
  public List<NodeSample> samples(String instance) {
    return samples.getOrDefault(instance, List.of());
  }

  public long scrapes() {
    return scrapes;
  }

  public long requests() {
    return requests;
  }
}
