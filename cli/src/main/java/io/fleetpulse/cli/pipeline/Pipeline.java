package io.fleetpulse.cli.pipeline;

import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.topics.TopicProvisioner;
import io.fleetpulse.collector.Collector;
import io.fleetpulse.collector.http.CollectorHttpServer;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.publish.KafkaDelivery;
import io.fleetpulse.collector.publish.KafkaRequestEventPublisher;
import io.fleetpulse.collector.publish.KafkaScrapePublisher;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.sink.SinkExporter;
import io.fleetpulse.streams.FleetStreamsApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components one process runs, started in dependency order (broker, topics, streams, sink, collector) and
 * closed in reverse, so nothing is produced into a Kafka that is already gone and the last scrapes are flushed.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private EmbeddedKafkaBroker broker;
  private String bootstrapServers;
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
      bootstrapServers = broker.bootstrapServers();
    } else {
      bootstrapServers = kafka.bootstrapServers();
    }
    TopicProvisioner.ensureTopics(bootstrapServers, kafka);
    Topics topics = new Topics(kafka.topicPrefix());
    if (components.contains(Component.STREAMS)) {
      streams = new FleetStreamsApp(bootstrapServers, topics, config.streams());
      started.push(streams);
      streams.start();
    }
    if (components.contains(Component.SINK)) {
      sink = new SinkExporter(bootstrapServers, topics, config.sink());
      started.push(sink);
      try {
        sink.start();
      } catch (IOException e) {
        throw new UncheckedIOException("sink cannot listen on " + config.sink().listen(), e);
      }
    }
    if (components.contains(Component.COLLECTOR)) {
      // One delivery and one metrics registry for scrapes and request events; closed last, so it flushes both.
      CollectorMetrics collectorMetrics = new CollectorMetrics();
      KafkaDelivery delivery = KafkaDelivery.start(bootstrapServers, config.collector().delivery(), collectorMetrics);
      started.push(delivery);
      collector = new Collector(config.collector(), new KafkaScrapePublisher(delivery, topics), collectorMetrics);
      started.push(collector);
      collector.start();
      try {
        collectorHttp = CollectorHttpServer.start(config.collector().ingest(), collectorMetrics,
            new KafkaRequestEventPublisher(delivery, topics));
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
      started.push(collectorHttp);
    }
    log.info("FleetPulse running {} against Kafka {}", components, bootstrapServers);
  }

  public String bootstrapServers() {
    return bootstrapServers;
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
