package io.fleetpulse.sink;

import io.fleetpulse.schemas.ListenAddress;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.sink.consume.FleetStatsConsumer;
import io.fleetpulse.sink.consume.ConsumerStats;
import io.fleetpulse.sink.consume.WindowRecordHandler;
import io.fleetpulse.sink.exposition.FleetWindowCollector;
import io.fleetpulse.sink.exposition.SinkHealthCollector;
import io.fleetpulse.sink.exposition.WindowMetrics;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink service: consumes closed windows from fleet-stats and serves the latest fresh window of
 * every series, plus the sink's own health, on a Prometheus /metrics endpoint. Stateless, so any
 * number of replicas can run side by side.
 */
public final class SinkExporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SinkExporter.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Topics topics;
  private final SinkConfig config;
  private final Clock clock;
  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final LatestWindows latest;
  private final ConsumerStats stats = new ConsumerStats();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private HTTPServer server;
  private FleetStatsConsumer reader;
  private Thread readerThread;

  public SinkExporter(String bootstrapServers, Topics topics, SinkConfig config) {
    this(bootstrapServers, topics, config, Clock.systemUTC());
  }

  /** As {@link #SinkExporter(String, Topics, SinkConfig)}, judging staleness by {@code clock}. */
  public SinkExporter(String bootstrapServers, Topics topics, SinkConfig config, Clock clock) {
    this(topics, config, clock, kafkaConsumers(bootstrapServers));
  }

  SinkExporter(
      Topics topics, SinkConfig config, Clock clock, Supplier<Consumer<byte[], byte[]>> consumers) {
    this.topics = topics;
    this.config = config;
    this.clock = clock;
    this.consumers = consumers;
    this.latest = new LatestWindows(config.staleAfter());
    registry.register(new FleetWindowCollector(latest, WindowMetrics.ALL, clock));
    registry.register(new SinkHealthCollector(stats, latest, clock));
  }

  /** Starts the HTTP server, then the consumer thread. */
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("sink exporter already started");
    }
    ListenAddress listen = config.listenAddress();
    server =
        HTTPServer.builder()
            .hostname(listen.host())
            .port(listen.port())
            .registry(registry)
            .buildAndStart();
    try {
      reader =
          new FleetStatsConsumer(
              consumers.get(),
              topics.fleetStats(),
              config.lookback(),
              new WindowRecordHandler(latest, stats),
              clock);
    } catch (RuntimeException e) {
      server.close();
      server = null;
      throw e;
    }
    readerThread = new Thread(reader, "fleetpulse-sink-consumer");
    readerThread.setDaemon(true);
    readerThread.start();
    LOG.info(
        "sink serving /metrics on {}:{}, reading {}", listen.host(), port(), topics.fleetStats());
  }

  /** The port /metrics is served on, which is the bound one when the config asked for port 0. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("sink exporter not started");
    }
    return server.getPort();
  }

  public LatestWindows latest() {
    return latest;
  }

  /** What the consumer has read and skipped, for the live terminal view. */
  public ConsumerStats stats() {
    return stats;
  }

  @Override
  public synchronized void close() {
    if (reader != null) {
      reader.stop();
      joinReader();
      reader = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private void joinReader() {
    try {
      readerThread.join(STOP_TIMEOUT.toMillis());
      if (readerThread.isAlive()) {
        LOG.warn("fleet-stats consumer did not stop within {}", STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Supplier<Consumer<byte[], byte[]>> kafkaConsumers(String bootstrapServers) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("sink needs Kafka bootstrap servers, got none");
    }
    return () -> new KafkaConsumer<>(FleetStatsConsumer.kafkaProperties(bootstrapServers));
  }
}
