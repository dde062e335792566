package io.fleetpulse.cli.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster inside this JVM on loopback: one controller and several brokers, so that a broker
 * can be stopped and restarted under load. The controller is a node of its own: stopping a broker
 * then never costs the quorum, and the cluster shuts down brokers first, then the controller, which
 * nodes that combine both roles cannot do cleanly. New and internal topics get three replicas
 * (fewer with fewer brokers) of which two must be in sync, so one broker may be down while
 * producers with acks=all carry on.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
  private static final int CONTROLLER_ID = 100;
  private static final int MAX_REPLICAS = 3;

  private final KraftNode controller;
  private final List<KraftNode> brokers;
  private final List<Integer> brokerPorts;

  private EmbeddedKafkaCluster(
      KraftNode controller, List<KraftNode> brokers, List<Integer> brokerPorts) {
    this.controller = controller;
    this.brokers = brokers;
    this.brokerPorts = brokerPorts;
  }

  /**
   * Formats and starts a controller and {@code brokerCount} brokers under {@code dataDir}; blocks
   * until ready.
   */
  public static EmbeddedKafkaCluster start(Path dataDir, int brokerCount) {
    if (brokerCount < 1) {
      throw new IllegalArgumentException("a cluster needs at least one broker, got " + brokerCount);
    }
    String clusterId = Uuid.randomUuid().toString();
    int controllerPort = FreePort.find();
    Map<String, String> shared = KraftNode.sharedSettings(CONTROLLER_ID, controllerPort);
    int replicas = Math.min(MAX_REPLICAS, brokerCount);
    int minInSync = Math.max(1, replicas - 1);
    KraftNode controller =
        controllerNode(clusterId, dataDir, shared, controllerPort, replicas, minInSync);
    List<KraftNode> brokers = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    for (int id = 1; id <= brokerCount; id++) {
      int port = FreePort.find();
      brokers.add(brokerNode(id, clusterId, dataDir, shared, port, replicas, minInSync));
      ports.add(port);
    }

    EmbeddedKafkaCluster cluster =
        new EmbeddedKafkaCluster(controller, List.copyOf(brokers), List.copyOf(ports));
    long started = System.nanoTime();
    try {
      controller.start();
      // A broker's start-up returns once the controller has registered and unfenced it; it waits
      // for no other
      // broker, so one after the other is fine.
      brokers.forEach(KraftNode::start);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    log.info(
        "Embedded Kafka cluster of {} brokers ready on {} in {} ms (data in {})",
        brokerCount,
        cluster.bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000,
        dataDir);
    return cluster;
  }

  private static KraftNode controllerNode(
      String clusterId,
      Path dataDir,
      Map<String, String> shared,
      int port,
      int replicas,
      int minInSync) {
    Map<String, String> settings = new HashMap<>(shared);
    settings.put("process.roles", "controller");
    settings.put("listeners", KraftNode.CONTROLLER_LISTENER + "://127.0.0.1:" + port);
    settings.putAll(KraftNode.topicDefaults(replicas, minInSync));
    return new KraftNode(CONTROLLER_ID, clusterId, dataDir.resolve("controller"), settings);
  }

  private static KraftNode brokerNode(
      int id,
      String clusterId,
      Path dataDir,
      Map<String, String> shared,
      int port,
      int replicas,
      int minInSync) {
    Map<String, String> settings = new HashMap<>(shared);
    settings.put("process.roles", "broker");
    settings.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
    settings.putAll(KraftNode.brokerListener(port));
    settings.putAll(KraftNode.replication(replicas, minInSync));
    // A crashed transactional producer leaves its transaction open, hiding everything after it from
    // read_committed consumers until the coordinator aborts it: look for timed-out ones every
    // second, not 10 s.
    settings.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    return new KraftNode(id, clusterId, dataDir.resolve("broker-" + id), settings);
  }

  /** Every broker's address, so clients find the cluster whichever broker is down. */
  public String bootstrapServers() {
    return brokerPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
  }

  /**
   * @param index 0-based; the broker's node id is {@code index + 1}
   */
  public boolean isBrokerRunning(int index) {
    return broker(index).isRunning();
  }

  /** Stops one broker, keeping its data and port for {@link #restartBroker(int)}. */
  public void stopBroker(int index) {
    long started = System.nanoTime();
    broker(index).stop();
    log.info(
        "Embedded Kafka broker {} stopped in {} ms",
        index + 1,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Starts a stopped broker again on its data and port; blocks until the controller has unfenced
   * it.
   */
  public void restartBroker(int index) {
    long started = System.nanoTime();
    broker(index).start();
    log.info(
        "Embedded Kafka broker {} restarted in {} ms",
        index + 1,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Brokers first, so none of them loses its controller while shutting down, then the controller.
   */
  @Override
  public void close() {
    for (KraftNode broker : brokers) {
      stopQuietly(broker);
    }
    stopQuietly(controller);
  }

  private KraftNode broker(int index) {
    if (index < 0 || index >= brokers.size()) {
      throw new IllegalArgumentException(
          "no broker " + index + "; brokers are 0.." + (brokers.size() - 1));
    }
    return brokers.get(index);
  }

  private static void stopQuietly(KraftNode node) {
    try {
      node.stop();
    } catch (RuntimeException e) {
      log.warn("Stopping an embedded Kafka node failed: {}", e.toString());
    }
  }
}
