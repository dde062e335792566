package io.fleetpulse.cli.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (broker and controller in one) running inside this JVM on loopback. It keeps its log
 * and its two ports in one data directory, so stopping and starting again on the same directory brings back the
 * same topics, offsets and bootstrap address, which is what clients that outlive a broker restart need.
 *
 * <p>All use of Kafka's internal server classes stays in this class: they promise no API stability.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String PORTS_FILE = "fleetpulse-broker.properties";
  private static final int NODE_ID = 1;

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(Path dataDir, int brokerPort, int controllerPort) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /**
   * Starts a broker on {@code dataDir}, formatting it on first use and reusing its data and ports afterwards.
   * Blocks until the broker is registered and ready for clients.
   */
  public static EmbeddedKafkaBroker start(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Ports ports = Ports.loadOrAllocate(dataDir.resolve(PORTS_FILE));
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, ports.broker(), ports.controller());
      broker.startServer();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare broker data directory " + dataDir, e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public boolean isRunning() {
    return server != null;
  }

  /** Stops the broker but keeps its data, so {@link #restart()} resumes where it left off. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
    log.info("Embedded Kafka broker on {} stopped", bootstrapServers());
  }

  /** Starts the broker again on the same data directory and port. */
  public synchronized void restart() {
    if (server == null) {
      startServer();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void startServer() {
    guardAgainstJvmExit();
    KafkaConfig config = new KafkaConfig(brokerSettings(), false);
    Path logDir = dataDir.resolve("kafka-logs");
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(logDir);
    }
    long started = System.nanoTime();
    KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
    raftServer.startup();
    server = raftServer;
    log.info("Embedded Kafka broker ready on {} in {} ms (data in {})",
        bootstrapServers(), (System.nanoTime() - started) / 1_000_000, dataDir);
  }

  private Map<String, String> brokerSettings() {
    // Values as strings: KafkaConfig parses them by its own types (shorts, longs) and refuses boxed Integers.
    Map<String, String> settings = new HashMap<>();
    settings.put("process.roles", "broker,controller");
    settings.put("node.id", String.valueOf(NODE_ID));
    settings.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    settings.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    settings.put("controller.listener.names", "CONTROLLER");
    settings.put("inter.broker.listener.name", "PLAINTEXT");
    settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    settings.put("log.dirs", dataDir.resolve("kafka-logs").toString());
    // One node: every internal topic must live with replication factor 1.
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("share.coordinator.state.topic.replication.factor", "1");
    settings.put("share.coordinator.state.topic.min.isr", "1");
    settings.put("default.replication.factor", "1");
    settings.put("offsets.topic.num.partitions", "5");
    settings.put("transaction.state.log.num.partitions", "5");
    // Start-up and shutdown speed for an interactive demo: no rebalance delay, quick heartbeats,
    // and a small cleaner buffer instead of the default 128 MB.
    settings.put("group.initial.rebalance.delay.ms", "0");
    settings.put("broker.heartbeat.interval.ms", "500");
    settings.put("broker.session.timeout.ms", "2000");
    settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
    settings.put("auto.create.topics.enable", "false");
    return settings;
  }

  private void format(Path logDir) {
    try (PrintStream quiet = new PrintStream(PrintStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Kafka's fatal-fault handler halts the whole JVM, which here would also kill the collector, the streams app and
   * the sink without a word. Turn a halt into a logged failure of the broker instead.
   */
  private static void guardAgainstJvmExit() {
    Exit.Procedure refuse = (code, message) -> {
      log.error("Embedded Kafka broker hit a fatal fault (exit code {}): {}", code, message);
      throw new IllegalStateException("embedded Kafka broker fault: " + message);
    };
    Exit.setHaltProcedure(refuse);
    Exit.setExitProcedure(refuse);
  }

  /** The two loopback ports, chosen once per data directory and remembered beside the data. */
  private record Ports(int broker, int controller) {

    static Ports loadOrAllocate(Path file) throws IOException {
      Properties properties = new Properties();
      if (Files.exists(file)) {
        try (var in = Files.newInputStream(file)) {
          properties.load(in);
        }
        return new Ports(
            Integer.parseInt(properties.getProperty("broker.port")),
            Integer.parseInt(properties.getProperty("controller.port")));
      }
      Ports ports = new Ports(FreePort.find(), FreePort.find());
      properties.setProperty("broker.port", Integer.toString(ports.broker()));
      properties.setProperty("controller.port", Integer.toString(ports.controller()));
      try (var out = Files.newOutputStream(file)) {
        properties.store(out, "Ports of the embedded broker that owns this directory");
      }
      return ports;
    }
  }
}
