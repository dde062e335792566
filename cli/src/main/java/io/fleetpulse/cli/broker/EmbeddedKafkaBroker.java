package io.fleetpulse.cli.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (broker and controller in one) running inside this JVM on loopback. It
 * keeps its log and its two ports in one data directory, so stopping and starting again on the same
 * directory brings back the same topics, offsets and bootstrap address, which is what clients that
 * outlive a broker restart need.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String PORTS_FILE = "fleetpulse-broker.properties";
  private static final int NODE_ID = 1;

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private final Optional<BrokerListener> extra;
  private final int extraPort;
  private final KraftNode node;

  private EmbeddedKafkaBroker(
      Path dataDir, int brokerPort, int controllerPort, Optional<BrokerListener> extra) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.extra = extra;
    this.extraPort = extra.isPresent() ? FreePort.find() : 0;
    // The cluster id only matters when the directory is formatted, on first use.
    this.node =
        new KraftNode(
            NODE_ID, Uuid.randomUuid().toString(), dataDir.resolve("kafka-logs"), brokerSettings());
  }

  /**
   * Starts a broker on {@code dataDir}, formatting it on first use and reusing its data and ports
   * afterwards. Blocks until the broker is registered and ready for clients.
   */
  public static EmbeddedKafkaBroker start(Path dataDir) {
    return start(dataDir, Optional.empty());
  }

  /**
   * As {@link #start(Path)}, also listening on {@code extra}, at a port of its own for as long as
   * this broker lives.
   */
  public static EmbeddedKafkaBroker start(Path dataDir, BrokerListener extra) {
    return start(dataDir, Optional.of(extra));
  }

  private static EmbeddedKafkaBroker start(Path dataDir, Optional<BrokerListener> extra) {
    try {
      Files.createDirectories(dataDir);
      Ports ports = Ports.loadOrAllocate(dataDir.resolve(PORTS_FILE));
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(dataDir, ports.broker(), ports.controller(), extra);
      broker.startServer();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare broker data directory " + dataDir, e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** The address of the further listener this broker was started with. */
  public String bootstrapServers(BrokerListener listener) {
    if (!extra.equals(Optional.of(listener))) {
      throw new IllegalArgumentException("this broker has no listener " + listener.name());
    }
    return "127.0.0.1:" + extraPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public boolean isRunning() {
    return node.isRunning();
  }

  /** Stops the broker but keeps its data, so {@link #restart()} resumes where it left off. */
  public synchronized void stop() {
    if (!node.isRunning()) {
      return;
    }
    node.stop();
    log.info("Embedded Kafka broker on {} stopped", bootstrapServers());
  }

  /** Starts the broker again on the same data directory and port. */
  public synchronized void restart() {
    if (!node.isRunning()) {
      startServer();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void startServer() {
    long started = System.nanoTime();
    node.start();
    log.info(
        "Embedded Kafka broker ready on {} in {} ms (data in {})",
        bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000,
        dataDir);
  }

  private Map<String, String> brokerSettings() {
    Map<String, String> settings = KraftNode.sharedSettings(NODE_ID, controllerPort);
    settings.put("process.roles", "broker,controller");
    settings.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    settings.putAll(KraftNode.brokerListener(brokerPort));
    extra.ifPresent(
        listener -> {
          String address = listener.name() + "://127.0.0.1:" + extraPort;
          settings.merge("listeners", address, (all, one) -> all + "," + one);
          settings.merge("advertised.listeners", address, (all, one) -> all + "," + one);
          settings.merge(
              "listener.security.protocol.map",
              listener.name() + ":" + listener.securityProtocol(),
              (all, one) -> all + "," + one);
          settings.putAll(listener.settings());
        });
    // One node: every internal topic must live with replication factor 1.
    settings.putAll(KraftNode.topicDefaults(1, 1));
    settings.putAll(KraftNode.replication(1, 1));
    return settings;
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
