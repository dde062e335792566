package io.fleetpulse.cli.pipelinebench;

import java.util.List;

/**
 * What a thread of the benchmark's process works for, told by its name: each component names the
 * threads it starts, and Kafka's clients name theirs after the client id of the component that made
 * them.
 */
public enum Part {
  COLLECTOR("collector"),
  STREAMS("streams app"),
  BROKER("broker"),
  SINK("sink"),
  SIMULATOR("simulator"),
  BENCH("bench itself"),
  UNATTRIBUTED("unattributed");

  /** The parts FleetPulse is made of, whose CPU a scrape costs. */
  public static final List<Part> PIPELINE = List.of(COLLECTOR, STREAMS, BROKER, SINK);

  private static final List<String> BROKER_PREFIXES =
      List.of(
          "data-plane-kafka",
          "kafka-",
          "broker-",
          "controller-",
          "quorum-controller",
          "raft-",
          "ExpirationReaper-",
          "group-coordinator",
          "share-",
          "LogDirFailureHandler",
          "ReplicaFetcherThread",
          "TxnMarkerSenderThread",
          "AddPartitionsToTxnSenderThread",
          "transaction-",
          "executor-",
          "metrics-meter-tick-thread",
          "ThrottledChannelReaper");

  private final String label;

  Part(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * The part a thread called {@code name} works for. A Kafka client's own threads carry its client
   * id after a {@code |}, so they go to the component that made the client, not to the broker; the
   * streams app's client ids and thread names start with its application id.
   */
  public static Part of(String name, String streamsApplicationId) {
    int bar = name.indexOf(" | ");
    String owner = bar < 0 ? name : name.substring(bar + 3);
    if (owner.startsWith(streamsApplicationId)) {
      return STREAMS;
    }
    if (owner.startsWith("fleetpulse-sink")) {
      return SINK;
    }
    if (owner.startsWith("fleetpulse-sim")) {
      return SIMULATOR;
    }
    if (owner.startsWith("fleetpulse-bench")) {
      return BENCH;
    }
    if (owner.startsWith("fleetpulse-scrape")
        || owner.startsWith("fleetpulse-kafka-delivery")
        || owner.startsWith("fleetpulse-collector")
        || owner.startsWith("HttpClient-")
        // The collector's producer is the one client in the process without a client id of its own.
        || (bar >= 0 && owner.startsWith("producer-"))) {
      return COLLECTOR;
    }
    if (bar < 0 && BROKER_PREFIXES.stream().anyMatch(name::startsWith)) {
      return BROKER;
    }
    return UNATTRIBUTED;
  }
}
