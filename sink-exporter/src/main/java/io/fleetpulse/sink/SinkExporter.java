package io.fleetpulse.sink;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.ListenAddress;
import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.web.WebSecurity;
import io.fleetpulse.sink.consume.ConsumerStats;
import io.fleetpulse.sink.consume.SinkConsumer;
import io.fleetpulse.sink.consume.TopicDecoder;
import io.fleetpulse.sink.exposition.FleetWindowCollector;
import io.fleetpulse.sink.exposition.SignalCollector;
import io.fleetpulse.sink.exposition.SinkHealthMetrics;
import io.fleetpulse.sink.exposition.WindowMetrics;
import io.fleetpulse.sink.history.TierWindows;
import io.fleetpulse.sink.signal.LatestSignals;
import io.fleetpulse.sink.status.StatusRoutes;
import io.fleetpulse.sink.status.WindowHistory;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink service: consumes closed windows from fleet-stats and signals from the signals topic,
 * and serves the latest fresh value of every series, plus the sink's own health, on a Prometheus
 * /metrics endpoint, with a status page at {@code /}; and keeps the rollup tiers' newest windows
 * for {@code /api/v1/windows}. Stateless apart from those latest values and the page's short
 * history, so any number of replicas can run side by side.
 */
public final class SinkExporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SinkExporter.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Topics topics;
  private final SinkConfig config;
  private final Clock clock;
  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final RecordDrops drops = new RecordDrops();
  private final LatestWindows latest;
  private final LatestSignals signals;
  private final WindowHistory history = new WindowHistory();
  private final TierWindows tiers;
  private final ConsumerStats stats;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private HTTPServer server;
  private SinkConsumer reader;
  private Thread readerThread;

  public SinkExporter(KafkaConnection kafka, Topics topics, SinkConfig config) {
    this(kafka, topics, config, Clock.systemUTC());
  }

  /**
   * As {@link #SinkExporter(KafkaConnection, Topics, SinkConfig)}, judging staleness by {@code
   * clock}.
   */
  public SinkExporter(KafkaConnection kafka, Topics topics, SinkConfig config, Clock clock) {
    this(topics, config, clock, () -> new KafkaConsumer<>(SinkConsumer.kafkaProperties(kafka)));
  }

  SinkExporter(
      Topics topics, SinkConfig config, Clock clock, Supplier<Consumer<byte[], byte[]>> consumers) {
    this.topics = topics;
    this.config = config;
    this.clock = clock;
    this.consumers = consumers;
    this.latest = new LatestWindows(config.staleAfter(), config.nodeScope(), drops);
    this.signals = new LatestSignals(config.staleAfter(), config.nodeScope().enabled(), drops);
    this.tiers = new TierWindows(config.history());
    List<String> read = new ArrayList<>(List.of(topics.fleetStats(), topics.signals()));
    Topics.ROLLUP_TIERS.forEach(tier -> read.add(topics.rollup(tier)));
    this.stats = new ConsumerStats(read);
    registry.register(new FleetWindowCollector(latest, WindowMetrics.ALL, clock));
    registry.register(new SignalCollector(signals, clock));
    SinkHealthMetrics.register(registry, stats, latest, signals, drops, clock);
  }

  /**
   * Starts the consumer, reads what the topics hold of the look-back (for at most {@code
   * sink.restore_timeout}), then serves: a restarted sink's first scrape has the latest values, not
   * nothing.
   */
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("sink exporter already started");
    }
    Map<String, TopicDecoder<?>> decoders = new LinkedHashMap<>();
    decoders.put(
        topics.fleetStats(),
        new TopicDecoder<>(FleetWindow.class, this::keepWindow, stats.topic(topics.fleetStats())));
    decoders.put(
        topics.signals(),
        new TopicDecoder<>(Signal.class, signals::offer, stats.topic(topics.signals())));
    Map<String, Duration> tierLookbacks = new HashMap<>();
    for (String tier : Topics.ROLLUP_TIERS) {
      String topic = topics.rollup(tier);
      decoders.put(
          topic,
          new TopicDecoder<>(
              RollupWindow.class,
              rollup -> tiers.keep(tier, rollup.getWindow()),
              stats.topic(topic)));
      // Far enough back for the windows kept per series, and no further.
      tierLookbacks.put(
          topic, PrometheusDuration.parse(tier).multipliedBy(config.history().maxWindows()));
    }
    reader = new SinkConsumer(consumers.get(), decoders, config.lookback(), tierLookbacks, clock);
    readerThread = new Thread(reader, "fleetpulse-sink-consumer");
    readerThread.setDaemon(true);
    readerThread.start();
    awaitRestore();
    ListenAddress listen = config.listenAddress();
    WebSecurity web;
    try {
      web = config.webSecurity();
      server =
          HTTPServer.builder()
              .hostname(listen.host())
              .port(listen.port())
              .httpsConfigurator(web.httpsConfigurator())
              .authenticator(web.authenticator())
              .registry(registry)
              .defaultHandler(
                  new StatusRoutes(latest, signals, history, tiers, config.staleAfter(), clock))
              .buildAndStart();
    } catch (IOException | RuntimeException e) {
      stopReader();
      throw e;
    }
    LOG.info(
        "sink serving /metrics and the status page on {}://{}:{}/{}, reading {} and {}",
        web.scheme(),
        listen.host(),
        port(),
        web.requiresLogin() ? " (basic auth)" : "",
        topics.fleetStats(),
        topics.signals());
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

  @Override
  public synchronized void close() {
    stopReader();
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private void keepWindow(FleetWindow window) {
    if (latest.offer(window)) {
      history.record(window);
    }
  }

  private void awaitRestore() {
    long started = System.nanoTime();
    try {
      if (reader.awaitRestored(config.restoreTimeout())) {
        LOG.info(
            "sink read the last {} of {} and {} in {} ms",
            config.lookback(),
            topics.fleetStats(),
            topics.signals(),
            (System.nanoTime() - started) / 1_000_000);
      } else {
        LOG.warn(
            "sink serves before it has read the last {} of its topics: not done within"
                + " sink.restore_timeout ({}); values fill in as it reads on",
            config.lookback(),
            config.restoreTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopReader() {
    if (reader == null) {
      return;
    }
    reader.stop();
    try {
      readerThread.join(STOP_TIMEOUT.toMillis());
      if (readerThread.isAlive()) {
        LOG.warn("sink consumer did not stop within {}", STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader = null;
  }
}
