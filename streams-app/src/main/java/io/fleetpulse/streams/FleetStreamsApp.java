package io.fleetpulse.streams;

import io.fleetpulse.schemas.AvroTrust;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.ListenAddress;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.web.WebSecurity;
import io.fleetpulse.streams.health.ConsumerLag;
import io.fleetpulse.streams.health.HealthServer;
import io.fleetpulse.streams.health.InputBacklog;
import io.fleetpulse.streams.health.InputOffsets;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the streams app: the fleet topology running on Kafka with exactly-once
 * processing, and its own health on a /metrics endpoint.
 */
public final class FleetStreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FleetStreamsApp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  // Often enough that a task quiet for a grace has had several answers.
  private static final Duration INPUT_OFFSETS_EVERY = Duration.ofSeconds(1);

  private final StreamsAppMetrics metrics = new StreamsAppMetrics();
  private final ListenAddress listen;
  private final WebSecurity web;
  private final KafkaStreams streams;
  private final InputOffsets inputOffsets;
  private HealthServer health;

  public FleetStreamsApp(KafkaConnection kafka, Topics topics, StreamsAppConfig config) {
    StreamsProperties.requireGraceCoversFailover(config.grace());
    AvroTrust.install();
    this.listen = config.listenAddress();
    this.web = config.webSecurity();
    this.streams =
        new KafkaStreams(
            FleetTopology.build(topics, config, metrics, new SourcePartitions(kafka, topics)),
            StreamsProperties.of(kafka, topics, config, metrics));
    ConsumerLag lag = new ConsumerLag(streams::metrics);
    lag.register(metrics.registry());
    Set<String> inputs = Set.of(topics.scrapes(), topics.requests());
    this.inputOffsets =
        InputOffsets.start(kafka, inputs, config.applicationId(), INPUT_OFFSETS_EVERY);
    InputBacklog backlog =
        new InputBacklog(
            inputOffsets,
            lag,
            () ->
                streams.metadataForLocalThreads().stream()
                    .flatMap(thread -> thread.activeTasks().stream())
                    .toList(),
            inputs,
            config.grace(),
            System::currentTimeMillis);
    metrics.watchInputBacklog(backlog::mayHaveUnread);
    // Exactly-once state cannot be trusted after an unexpected error, so the instance stops rather
    // than limps on.
    streams.setUncaughtExceptionHandler(
        error -> {
          LOG.error("streams app stopping after an unexpected error: {}", error.toString(), error);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
  }

  /**
   * Starts the health endpoint, then the topology. The endpoint only reports: when its address is
   * taken the app runs without it rather than not at all, and says so.
   */
  public synchronized void start() {
    try {
      health = HealthServer.start(listen, web, metrics.registry());
      LOG.info(
          "streams app health on {}://{}:{}/metrics{}",
          web.scheme(),
          listen.host(),
          health.port(),
          web.requiresLogin() ? " (basic auth)" : "");
    } catch (IOException e) {
      LOG.warn(
          "streams app runs without its health endpoint: cannot listen on {}:{}: {}",
          listen.host(),
          listen.port(),
          e.toString());
    }
    streams.start();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The port the health endpoint is bound to, empty when it is not running. */
  public synchronized OptionalInt healthPort() {
    return health == null ? OptionalInt.empty() : OptionalInt.of(health.port());
  }

  /** Slices that arrived after their window had closed, counted since this instance started. */
  public long lateRecordsDropped() {
    return metrics.lateSlicesDropped();
  }

  @Override
  public synchronized void close() {
    if (!streams.close(CLOSE_TIMEOUT)) {
      LOG.warn("streams app did not shut down within {}", CLOSE_TIMEOUT);
    }
    inputOffsets.close();
    if (health != null) {
      health.close();
      health = null;
    }
  }
}
