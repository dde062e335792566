package io.fleetpulse.cli.pipeline;

import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.topics.KafkaAccessException;
import io.fleetpulse.cli.topics.TopicProvisioner;
import io.fleetpulse.collector.Collector;
import io.fleetpulse.collector.http.CollectorHttpServer;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.publish.KafkaDelivery;
import io.fleetpulse.collector.publish.KafkaRequestEventPublisher;
import io.fleetpulse.collector.publish.KafkaScrapePublisher;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.sink.SinkExporter;
import io.fleetpulse.streams.FleetStreamsApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components one process runs, started in dependency order (broker, topics, streams, sink,
 * collector) and closed in reverse, so nothing is produced into a Kafka that is already gone and
 * the last scrapes are flushed.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
  private static final Duration FIRST_NOTICE = Duration.ofSeconds(3);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private EmbeddedKafkaBroker broker;
  private KafkaConnection connection;
  private FleetStreamsApp streams;
  private SinkExporter sink;
  private Collector collector;
  private CollectorHttpServer collectorHttp;

  private Pipeline() {}

  /** Starts the given components; on any failure, what was already started is closed again. */
  public static Pipeline start(FleetPulseConfig config, Set<Component> components) {
    Pipeline pipeline = new Pipeline();
    try {
      pipeline.startAll(config, components);
      return pipeline;
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
  }

  private void startAll(FleetPulseConfig config, Set<Component> components) {
    KafkaSettings kafka = config.kafka();
    if (kafka.embedded()) {
      broker = EmbeddedKafkaBroker.start(Path.of(kafka.dataDir()));
      started.push(broker);
      connection = kafka.connection(broker.bootstrapServers());
    } else {
      connection = kafka.connection(kafka.bootstrapServers());
    }
    if (components.equals(Set.of(Component.COLLECTOR))) {
      // The collector buffers until Kafka is there, so it need not wait for the topics to start
      // scraping.
      Thread provisioning =
          new Thread(() -> provisionInBackground(kafka), "fleetpulse-topic-provisioning");
      provisioning.setDaemon(true);
      provisioning.start();
    } else {
      provisionUntilDone(kafka);
    }
    Topics topics = new Topics(kafka.topicPrefix());
    if (components.contains(Component.STREAMS)) {
      streams = new FleetStreamsApp(connection, topics, config.streams());
      started.push(streams);
      streams.start();
    }
    if (components.contains(Component.SINK)) {
      sink = new SinkExporter(connection, topics, config.sink());
      started.push(sink);
      try {
        sink.start();
      } catch (IOException e) {
        throw new UncheckedIOException("sink cannot listen on " + config.sink().listen(), e);
      }
    }
    if (components.contains(Component.COLLECTOR)) {
      // One delivery and one metrics registry for scrapes and request events; closed last, so it
      // flushes both.
      CollectorMetrics collectorMetrics = new CollectorMetrics();
      KafkaDelivery delivery =
          KafkaDelivery.start(connection, config.collector().delivery(), collectorMetrics);
      started.push(delivery);
      collector =
          new Collector(
              config.collector(), new KafkaScrapePublisher(delivery, topics), collectorMetrics);
      started.push(collector);
      collector.start();
      try {
        collectorHttp =
            CollectorHttpServer.start(
                config.collector().ingest(),
                collectorMetrics,
                new KafkaRequestEventPublisher(delivery, topics));
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
      started.push(collectorHttp);
    }
    log.info("FleetPulse running {} against {}", components, connection);
  }

  /**
   * A collector alone keeps buffering, and its producer says it is refused too, so only say why.
   */
  private void provisionInBackground(KafkaSettings kafka) {
    try {
      provisionUntilDone(kafka);
    } catch (KafkaAccessException e) {
      log.error("topics not made: {}", e.getMessage());
    }
  }

  /**
   * Creates the topics, waiting for Kafka as long as it takes: one line within a few seconds names
   * the servers that do not answer, then one per retry, with a backoff up to {@link #MAX_BACKOFF}.
   */
  private void provisionUntilDone(KafkaSettings kafka) {
    ScheduledExecutorService notices =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "fleetpulse-kafka-wait");
              thread.setDaemon(true);
              return thread;
            });
    notices.schedule(
        () ->
            log.warn(
                "Kafka at {} has not answered for {} s; waiting for it before topics are "
                    + "made (the collector buffers meanwhile; the streams app and sink start once it answers)",
                connection.bootstrapServers(),
                FIRST_NOTICE.toSeconds()),
        FIRST_NOTICE.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      Duration backoff = Duration.ofSeconds(1);
      while (true) {
        try {
          TopicProvisioner.ensureTopics(connection, kafka);
          return;
        } catch (IllegalStateException e) {
          if (Thread.currentThread().isInterrupted()) {
            throw e;
          }
          log.warn(
              "still waiting for Kafka at {}: {}; retrying in {} s",
              connection.bootstrapServers(),
              e.getMessage(),
              backoff.toSeconds());
          Thread.sleep(backoff.toMillis());
          backoff =
              backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                  ? MAX_BACKOFF
                  : backoff.multipliedBy(2);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for Kafka at " + connection.bootstrapServers(), e);
    } finally {
      notices.shutdownNow();
    }
  }

  public String bootstrapServers() {
    return connection.bootstrapServers();
  }

  /** Where the pipeline's Kafka is and how its clients get in. */
  public KafkaConnection connection() {
    return connection;
  }

  public Optional<EmbeddedKafkaBroker> broker() {
    return Optional.ofNullable(broker);
  }

  public Optional<FleetStreamsApp> streams() {
    return Optional.ofNullable(streams);
  }

  public Optional<SinkExporter> sink() {
    return Optional.ofNullable(sink);
  }

  public Optional<Collector> collector() {
    return Optional.ofNullable(collector);
  }

  /** The collector's HTTP endpoint: its /metrics and request-event ingest. */
  public Optional<CollectorHttpServer> collectorHttp() {
    return Optional.ofNullable(collectorHttp);
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        log.warn("Closing {} failed: {}", component.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
