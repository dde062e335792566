package io.fleetpulse.collector.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The collector's own health, on its own registry (served on the collector's /metrics): one place that names
 * every metric, so scraping, delivery and ingest all report under the same names.
 */
public final class CollectorMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();

  public final Histogram scrapeDuration = Histogram.builder()
      .name("fleetpulse_collector_scrape_duration_seconds")
      .help("Duration of scrapes, successful or not")
      .labelNames("job")
      .register(registry);

  public final Counter scrapeFailures = Counter.builder()
      .name("fleetpulse_collector_scrape_failures_total")
      .help("Failed scrapes by reason: connection, timeout, http_status, parse, limit, other")
      .labelNames("job", "reason")
      .register(registry);

  public final Counter samplesScraped = Counter.builder()
      .name("fleetpulse_collector_samples_scraped_total")
      .help("Samples read from targets (histogram buckets included), after noise filtering")
      .labelNames("job")
      .register(registry);

  public final Counter bytesScraped = Counter.builder()
      .name("fleetpulse_collector_scraped_bytes_total")
      .help("Response bytes read from targets, after decompression")
      .labelNames("job")
      .register(registry);

  public final Counter familiesDropped = Counter.builder()
      .name("fleetpulse_collector_families_dropped_total")
      .help("Metric families left out of up scrapes for a problem confined to them, by reason: semantic (the"
          + " format refuses the family) or unusable (the format accepts it, but no sane record can hold it)")
      .labelNames("job", "reason")
      .register(registry);

  public final Histogram scheduleLag = Histogram.builder()
      .name("fleetpulse_collector_schedule_lag_seconds")
      .help("How late each scrape started behind its schedule")
      .register(registry);

  public final Counter recordsProduced = Counter.builder()
      .name("fleetpulse_collector_records_produced_total")
      .help("Records acknowledged by Kafka")
      .labelNames("topic")
      .register(registry);

  public final Counter produceErrors = Counter.builder()
      .name("fleetpulse_collector_produce_errors_total")
      .help("Records Kafka refused or could not take")
      .labelNames("topic")
      .register(registry);

  public final Gauge bufferedRecords = Gauge.builder()
      .name("fleetpulse_collector_buffer_records")
      .help("Records waiting in the delivery buffer for Kafka")
      .register(registry);

  public final Gauge bufferCapacity = Gauge.builder()
      .name("fleetpulse_collector_buffer_capacity_records")
      .help("Records the delivery buffer holds before it drops the oldest")
      .register(registry);

  public final Counter bufferDropped = Counter.builder()
      .name("fleetpulse_collector_buffer_dropped_total")
      .help("Records dropped, oldest first, because the delivery buffer was full")
      .labelNames("topic")
      .register(registry);

  public final Counter requestEvents = Counter.builder()
      .name("fleetpulse_collector_request_events_total")
      .help("Request events received, by source (jsonl, otlp) and result (accepted, rejected)")
      .labelNames("source", "result")
      .register(registry);

  public PrometheusRegistry registry() {
    return registry;
  }
}
