package io.fleetpulse.sink.exposition;

import io.fleetpulse.sink.DropReason;
import io.fleetpulse.sink.LatestWindows;
import io.fleetpulse.sink.RecordDrops;
import io.fleetpulse.sink.consume.ConsumerStats;
import io.fleetpulse.sink.signal.LatestSignals;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The sink's own health: what it consumed from each topic, what it skipped or dropped, how much it
 * exports, how fresh. Every counter has all its series from zero, so a rate never starts from a
 * missing series.
 */
public final class SinkHealthCollector implements MultiCollector {

  private static final String TOPIC = "topic";

  private final ConsumerStats stats;
  private final LatestWindows windows;
  private final LatestSignals signals;
  private final RecordDrops drops;
  private final Clock clock;

  public SinkHealthCollector(
      ConsumerStats stats,
      LatestWindows windows,
      LatestSignals signals,
      RecordDrops drops,
      Clock clock) {
    this.stats = stats;
    this.windows = windows;
    this.signals = signals;
    this.drops = drops;
    this.clock = clock;
  }

  @Override
  public MetricSnapshots collect() {
    Instant now = clock.instant();
    CounterSnapshot.Builder consumed =
        CounterSnapshot.builder()
            .name("fleetpulse_sink_records_consumed")
            .help("Records read from each topic, valid or not.");
    CounterSnapshot.Builder failures =
        CounterSnapshot.builder()
            .name("fleetpulse_sink_decode_failures")
            .help(
                "Records skipped because they could not be decoded into a valid window or signal, by topic.");
    GaugeSnapshot.Builder age =
        GaugeSnapshot.builder()
            .name("fleetpulse_sink_last_record_age_seconds")
            .unit(Unit.SECONDS)
            .help(
                "Seconds since the newest record read from the topic was produced (its Kafka timestamp);"
                    + " absent until the topic's first record.");
    for (String topic : stats.topics()) {
      ConsumerStats.TopicStats topicStats = stats.topic(topic);
      Labels labels = Labels.of(TOPIC, topic);
      consumed.dataPoint(counter(labels, topicStats.recordsConsumed()));
      failures.dataPoint(counter(labels, topicStats.decodeFailures()));
      topicStats
          .newestRecord()
          .ifPresent(newest -> age.dataPoint(gauge(labels, ageSeconds(newest, now))));
    }
    CounterSnapshot.Builder dropped =
        CounterSnapshot.builder()
            .name("fleetpulse_sink_records_dropped")
            .help(
                "Node-scope windows and signals read but not exported, by reason: node_scope_disabled"
                    + " (sink.node_scope.enabled false) or max_nodes (windows beyond sink.node_scope.max_nodes).");
    for (DropReason reason : DropReason.values()) {
      dropped.dataPoint(counter(Labels.of("reason", reason.label()), drops.count(reason)));
    }
    GaugeSnapshot series =
        GaugeSnapshot.builder()
            .name("fleetpulse_sink_series")
            .help(
                "Windows (scope, labels, window name) and signals (signal, scope, labels) currently exported,"
                    + " not stale; each window is one series of every family it has a value for.")
            .dataPoint(gauge(Labels.of("kind", "window"), windows.current(now).size()))
            .dataPoint(gauge(Labels.of("kind", "signal"), signals.current(now).size()))
            .build();
    GaugeSnapshot nodes =
        GaugeSnapshot.builder()
            .name("fleetpulse_sink_exported_nodes")
            .unit(new Unit("nodes"))
            .help("Nodes whose node-scope windows are exported, at most sink.node_scope.max_nodes.")
            .dataPoint(gauge(Labels.EMPTY, windows.heldNodes(now)))
            .build();
    return MetricSnapshots.of(
        consumed.build(), failures.build(), age.build(), dropped.build(), series, nodes);
  }

  // Clamped at 0: a producer clock slightly ahead of ours is not a negative age.
  private static double ageSeconds(Instant newest, Instant now) {
    return Math.max(0, Duration.between(newest, now).toMillis() / 1000.0);
  }

  private static CounterDataPointSnapshot counter(Labels labels, long value) {
    return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
