package io.fleetpulse.cli.broker;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KRaft server (broker, controller, or both) inside this JVM: formats its log directory on
 * first start, and starts and stops again on the same directory, so a restart brings back its data.
 *
 * <p>All use of Kafka's internal server classes stays in this class: they promise no API stability.
 */
final class KraftNode {

  private static final Logger log = LoggerFactory.getLogger(KraftNode.class);
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final int nodeId;
  private final String clusterId;
  private final Path logDir;
  private final Map<String, String> settings;
  private KafkaRaftServer server;

  /**
   * @param clusterId every node of one cluster is formatted with the same id
   * @param settings the node's Kafka settings; node.id and log.dirs are added here
   */
  KraftNode(int nodeId, String clusterId, Path logDir, Map<String, String> settings) {
    this.nodeId = nodeId;
    this.clusterId = clusterId;
    this.logDir = logDir;
    this.settings = new HashMap<>(settings);
    this.settings.put("node.id", Integer.toString(nodeId));
    this.settings.put("log.dirs", logDir.toString());
  }

  /**
   * Settings every embedded node shares, as strings: KafkaConfig parses them by its own types
   * (shorts, longs) and refuses boxed Integers.
   */
  static Map<String, String> sharedSettings(int controllerId, int controllerPort) {
    Map<String, String> settings = new HashMap<>();
    settings.put("controller.quorum.voters", controllerId + "@127.0.0.1:" + controllerPort);
    settings.put("controller.listener.names", CONTROLLER_LISTENER);
    settings.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    settings.put("offsets.topic.num.partitions", "5");
    settings.put("transaction.state.log.num.partitions", "5");
    // Start-up, restart and shutdown speed: no rebalance delay, quick heartbeats (a restarted
    // broker is refused
    // as a duplicate registration until the controller drops its old session), and a small cleaner
    // buffer
    // instead of the default 128 MB.
    settings.put("group.initial.rebalance.delay.ms", "0");
    settings.put("broker.heartbeat.interval.ms", "500");
    settings.put("broker.session.timeout.ms", "2000");
    settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
    settings.put("auto.create.topics.enable", "false");
    // A crashed streams instance's open transaction times out with its session (StreamsProperties);
    // the broker's
    // 10 s default sweep would then hold its partitions' output back for up to 10 s more.
    settings.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    return settings;
  }

  /** A broker's own listener on loopback. */
  static Map<String, String> brokerListener(int brokerPort) {
    return Map.of(
        "advertised.listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort,
        "inter.broker.listener.name",
        "PLAINTEXT");
  }

  /**
   * A controller's defaults for the topics it creates: in KRaft the controller applies them, not
   * the broker.
   */
  static Map<String, String> topicDefaults(int replicas, int minInSync) {
    return Map.of(
        "default.replication.factor", Integer.toString(replicas),
        "min.insync.replicas", Integer.toString(minInSync));
  }

  /**
   * A broker's replicas of the internal topics it creates, and how many must be in sync for
   * acks=all.
   */
  static Map<String, String> replication(int replicas, int minInSync) {
    return Map.of(
        "min.insync.replicas", Integer.toString(minInSync),
        "offsets.topic.replication.factor", Integer.toString(replicas),
        "transaction.state.log.replication.factor", Integer.toString(replicas),
        "transaction.state.log.min.isr", Integer.toString(minInSync),
        "share.coordinator.state.topic.replication.factor", Integer.toString(replicas),
        "share.coordinator.state.topic.min.isr", Integer.toString(minInSync));
  }

  /**
   * Starts the node, formatting its directory first when it has never run; blocks until it is
   * ready.
   */
  synchronized void start() {
    if (server != null) {
      return;
    }
    guardAgainstJvmExit();
    KafkaConfig config = new KafkaConfig(settings, false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format();
    }
    KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
    raftServer.startup();
    server = raftServer;
  }

  /** Stops the node and keeps its data. */
  synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }

  synchronized boolean isRunning() {
    return server != null;
  }

  private void format() {
    try (PrintStream quiet = new PrintStream(PrintStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          // Transactions v2 refuse a non-zero sequence from a producer the partition has no state
          // for, with an error the producer retries forever (KAFKA-18202; KAFKA-19880 is open): a
          // 6-hour evaluate run stalled on OUT_OF_ORDER_SEQUENCE_NUMBER. Version 1 takes it.
          .setFeatureLevel("transaction.version", (short) 1)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Kafka's fatal-fault handler halts the whole JVM, which here would also kill everything else
   * this process runs (the collector, the streams app, the sink) without a word. Turn a halt into a
   * logged failure instead.
   */
  private static void guardAgainstJvmExit() {
    Exit.Procedure refuse =
        (code, message) -> {
          log.error("Embedded Kafka node hit a fatal fault (exit code {}): {}", code, message);
          throw new IllegalStateException("embedded Kafka fault: " + message);
        };
    Exit.setHaltProcedure(refuse);
    Exit.setExitProcedure(refuse);
  }
}
