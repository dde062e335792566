package io.fleetpulse.sink.exposition;

import io.fleetpulse.sink.DropReason;
import io.fleetpulse.sink.LatestWindows;
import io.fleetpulse.sink.RecordDrops;
import io.fleetpulse.sink.consume.ConsumerStats;
import io.fleetpulse.sink.signal.LatestSignals;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToLongFunction;

/**
 * The sink's own health: what it consumed from each topic, what it skipped or dropped, how much it
 * exports, how fresh. Every counter has all its series from zero, so a rate never starts from a
 * missing series.
 */
public final class SinkHealthMetrics {

  private static final String TOPIC = "topic";

  private SinkHealthMetrics() {}

  /**
   * Read at scrape time: the consumer and the latest values already keep these counts, so the
   * metrics hold no copy that could fall out of step.
   */
  public static void register(
      PrometheusRegistry registry,
      ConsumerStats stats,
      LatestWindows windows,
      LatestSignals signals,
      RecordDrops drops,
      Clock clock) {
    perTopic(
        registry,
        stats,
        "fleetpulse_sink_records_consumed_total",
        "Records read from each topic, valid or not.",
        ConsumerStats.TopicStats::recordsConsumed);
    perTopic(
        registry,
        stats,
        "fleetpulse_sink_decode_failures_total",
        "Records skipped because they could not be decoded into a valid window or signal, by topic.",
        ConsumerStats.TopicStats::decodeFailures);
    GaugeWithCallback.builder()
        .name("fleetpulse_sink_last_record_age_seconds")
        .unit(Unit.SECONDS)
        .help(
            "Seconds since the newest record read from the topic was produced (its Kafka timestamp);"
                + " absent until the topic's first record.")
        .labelNames(TOPIC)
        .callback(
            callback -> {
              Instant now = clock.instant();
              for (String topic : stats.topics()) {
                stats
                    .topic(topic)
                    .newestRecord()
                    .ifPresent(newest -> callback.call(ageSeconds(newest, now), topic));
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("fleetpulse_sink_records_dropped_total")
        .help(
            "Node-scope windows and signals read but not exported, by reason: node_scope_disabled"
                + " (sink.node_scope.enabled false) or max_nodes (windows beyond sink.node_scope.max_nodes).")
        .labelNames("reason")
        .callback(
            callback -> {
              for (DropReason reason : DropReason.values()) {
                callback.call(drops.count(reason), reason.label());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("fleetpulse_sink_series")
        .help(
            "Windows (scope, labels, window name) and signals (signal, scope, labels) currently exported,"
                + " not stale; each window is one series of every family it has a value for.")
        .labelNames("kind")
        .callback(
            callback -> {
              Instant now = clock.instant();
              callback.call(windows.current(now).size(), "window");
              callback.call(signals.current(now).size(), "signal");
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("fleetpulse_sink_exported_nodes")
        .unit(new Unit("nodes"))
        .help("Nodes whose node-scope windows are exported, at most sink.node_scope.max_nodes.")
        .callback(callback -> callback.call(windows.heldNodes(clock.instant())))
        .register(registry);
  }

  private static void perTopic(
      PrometheusRegistry registry,
      ConsumerStats stats,
      String name,
      String help,
      ToLongFunction<ConsumerStats.TopicStats> count) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames(TOPIC)
        .callback(
            callback -> {
              for (String topic : stats.topics()) {
                callback.call(count.applyAsLong(stats.topic(topic)), topic);
              }
            })
        .register(registry);
  }

  // Clamped at 0: a producer clock slightly ahead of ours is not a negative age.
  private static double ageSeconds(Instant newest, Instant now) {
    return Math.max(0, Duration.between(newest, now).toMillis() / 1000.0);
  }
}
