package io.fleetpulse.sink.exposition;

import io.fleetpulse.sink.LatestWindows;
import io.fleetpulse.sink.consume.ConsumerStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The sink's own health: what it consumed, what it skipped, how much it exports, how fresh. */
public final class SinkHealthCollector implements MultiCollector {

  private static final String CONSUMED = "fleetpulse_sink_records_consumed";
  private static final String DECODE_FAILURES = "fleetpulse_sink_decode_failures";
  private static final String SERIES = "fleetpulse_sink_series";
  private static final String LAST_RECORD_AGE = "fleetpulse_sink_last_record_age_seconds";

  private final ConsumerStats stats;
  private final LatestWindows latest;
  private final Clock clock;

  public SinkHealthCollector(ConsumerStats stats, LatestWindows latest, Clock clock) {
    this.stats = stats;
    this.latest = latest;
    this.clock = clock;
  }

  @Override
  public MetricSnapshots collect() {
    Instant now = clock.instant();
    return MetricSnapshots.of(
        counter(CONSUMED, "Records read from the fleet-stats topic, valid or not.",
            stats.recordsConsumed()),
        counter(DECODE_FAILURES,
            "Fleet-stats records skipped because they could not be decoded into a valid window.",
            stats.decodeFailures()),
        gauge(SERIES, "Scope and window combinations currently exported (not stale).",
            Optional.of((double) latest.current(now).size())),
        gauge(LAST_RECORD_AGE,
            "Seconds since the newest fleet-stats record read was produced (its Kafka timestamp);"
                + " absent until the first record.",
            stats.newestRecord().map(newest -> ageSeconds(newest, now))));
  }

  // Clamped at 0: a producer clock slightly ahead of ours is not a negative age.
  private static double ageSeconds(Instant newest, Instant now) {
    return Math.max(0, Duration.between(newest, now).toMillis() / 1000.0);
  }

  private static MetricSnapshot counter(String name, String help, long value) {
    return CounterSnapshot.builder()
        .name(name)
        .help(help)
        .dataPoint(CounterDataPointSnapshot.builder().value(value).build())
        .build();
  }

  private static MetricSnapshot gauge(String name, String help, Optional<Double> value) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
    value.ifPresent(v -> gauge.dataPoint(GaugeDataPointSnapshot.builder().value(v).build()));
    return gauge.build();
  }
}
