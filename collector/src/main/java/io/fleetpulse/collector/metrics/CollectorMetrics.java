package io.fleetpulse.collector.metrics;

import io.fleetpulse.collector.scrape.FailureCategory;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/**
 * The collector's own health, on its own registry (served on the collector's /metrics): one place
 * that names every metric, so scraping, delivery and ingest all report under the same names.
 */
public final class CollectorMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();

  public final Histogram scrapeDuration =
      Histogram.builder()
          .name("fleetpulse_collector_scrape_duration_seconds")
          .help("Duration of scrapes, successful or not")
          .labelNames("job")
          .register(registry);

  public final Counter scrapeFailures =
      Counter.builder()
          .name("fleetpulse_collector_scrape_failures_total")
          .help("Failed scrapes by reason: connection, timeout, http_status, parse, limit, other")
          .labelNames("job", "reason")
          .register(registry);

  public final Counter samplesScraped =
      Counter.builder()
          .name("fleetpulse_collector_samples_scraped_total")
          .help("Samples read from targets (histogram buckets included), after noise filtering")
          .labelNames("job")
          .register(registry);

  public final Counter bytesScraped =
      Counter.builder()
          .name("fleetpulse_collector_scraped_bytes_total")
          .help("Response bytes read from targets, after decompression")
          .labelNames("job")
          .register(registry);

  public final Counter familiesDropped =
      Counter.builder()
          .name("fleetpulse_collector_families_dropped_total")
          .help(
              "Metric families left out of up scrapes for a problem confined to them, by reason: semantic (the"
                  + " format refuses the family) or unusable (the format accepts it, but no sane record can hold it)")
          .labelNames("job", "reason")
          .register(registry);

  public final Histogram scheduleLag =
      Histogram.builder()
          .name("fleetpulse_collector_schedule_lag_seconds")
          .help("How late each scrape started behind its schedule")
          .register(registry);

  public final Counter recordsProduced =
      Counter.builder()
          .name("fleetpulse_collector_records_produced_total")
          .help("Records acknowledged by Kafka")
          .labelNames("topic")
          .register(registry);

  public final Counter produceErrors =
      Counter.builder()
          .name("fleetpulse_collector_produce_errors_total")
          .help("Records Kafka refused or could not take")
          .labelNames("topic")
          .register(registry);

  public final Gauge bufferedRecords =
      Gauge.builder()
          .name("fleetpulse_collector_buffer_records")
          .help("Records waiting in the delivery buffer for Kafka")
          .register(registry);

  public final Gauge bufferCapacity =
      Gauge.builder()
          .name("fleetpulse_collector_buffer_capacity_records")
          .help("Records the delivery buffer holds before it drops the oldest")
          .register(registry);

  public final Counter bufferDropped =
      Counter.builder()
          .name("fleetpulse_collector_buffer_dropped_total")
          .help("Records dropped, oldest first, because the delivery buffer was full")
          .labelNames("topic")
          .register(registry);

  public final Counter requestEvents =
      Counter.builder()
          .name("fleetpulse_collector_request_events_total")
          .help("Request events received, by source (jsonl, otlp) and result (accepted, rejected)")
          .labelNames("source", "result")
          .register(registry);

  private volatile TargetStates targets;

  public CollectorMetrics() {
    GaugeWithCallback.builder()
        .name("fleetpulse_collector_target_up")
        .help("1 when the target's latest scrape was up, 0 when down or not scraped yet")
        .labelNames("job", "cluster", "instance")
        .callback(
            callback ->
                eachTarget(
                    (job, cluster, instance, up, finishedMillis) ->
                        callback.call(up ? 1 : 0, job, cluster, instance)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("fleetpulse_collector_target_last_scrape_age_seconds")
        .help("Seconds since the target's latest scrape finished; absent before its first")
        .labelNames("job", "cluster", "instance")
        .callback(
            callback -> {
              long now = System.currentTimeMillis();
              eachTarget(
                  (job, cluster, instance, up, finishedMillis) -> {
                    if (finishedMillis > 0) {
                      callback.call((now - finishedMillis) / 1000.0, job, cluster, instance);
                    }
                  });
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("fleetpulse_collector_series")
        .help(
            "Series kept by all targets' latest scrapes together (collector.max_series bounds it)")
        .callback(
            callback -> {
              TargetStates current = targets;
              callback.call(current == null ? 0 : current.totalSeries());
            })
        .register(registry);
    for (String source : List.of("jsonl", "otlp")) {
      for (String result : List.of("accepted", "rejected")) {
        requestEvents.labelValues(source, result);
      }
    }
  }

  /** Shows {@code states} in the per-target gauges, in place of any earlier collector's. */
  public void showTargets(TargetStates states) {
    this.targets = states;
  }

  private void eachTarget(TargetStates.Visitor visitor) {
    TargetStates current = targets;
    if (current != null) {
      current.eachTarget(visitor);
    }
  }

  /** Makes a job's labelled series present from zero, before its first scrape. */
  public void startJob(String job) {
    for (FailureCategory category : FailureCategory.values()) {
      scrapeFailures.labelValues(job, category.label());
    }
    samplesScraped.labelValues(job);
    bytesScraped.labelValues(job);
    scrapeDuration.labelValues(job);
  }

  /** Makes a topic's labelled series present from zero, before its first record. */
  public void startTopic(String topic) {
    recordsProduced.labelValues(topic);
    produceErrors.labelValues(topic);
    bufferDropped.labelValues(topic);
  }

  public PrometheusRegistry registry() {
    return registry;
  }
}
