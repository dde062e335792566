package io.fleetpulse.collector.config;

import io.fleetpulse.collector.ingest.IngestConfig;
import io.fleetpulse.collector.publish.DeliveryConfig;
import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The collector section of the config. Jobs come out of the constructor resolved: each has its own
 * interval, timeout and limits, inherited from these collector-wide ones where it set none (as from
 * Prometheus' {@code global} section).
 *
 * @param maxConcurrentScrapes how many scrapes may be in flight at once; further ones wait their
 *     turn
 * @param bodySizeLimit largest response body (after decompression) a scrape accepts, e.g. "10MB";
 *     0: none
 * @param sampleLimit most samples (histogram buckets included) a scrape may keep; 0: none
 * @param labelLimit most labels one series may carry, name and target labels included; 0: none
 * @param maxSeries most series (samples, as sample_limit counts them) of all targets' latest
 *     scrapes together; a scrape that would go over is down with reason limit; 0: none
 * @param ingest the collector's HTTP endpoint: /metrics and request-event ingest
 * @param delivery buffering and flushing of records on their way to Kafka
 */
public record CollectorConfig(
    Duration scrapeInterval,
    Duration scrapeTimeout,
    List<ScrapeConfig> scrapeConfigs,
    Integer maxConcurrentScrapes,
    String bodySizeLimit,
    Integer sampleLimit,
    Integer labelLimit,
    Long maxSeries,
    IngestConfig ingest,
    DeliveryConfig delivery) {

  public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(4);
  public static final int DEFAULT_MAX_CONCURRENT_SCRAPES = 64;

  /** The limits are on by default, so one broken or hostile target cannot exhaust the heap. */
  public static final String DEFAULT_BODY_SIZE_LIMIT = "50MB";

  public static final int DEFAULT_SAMPLE_LIMIT = 100_000;
  public static final int DEFAULT_LABEL_LIMIT = 64;
  public static final long DEFAULT_MAX_SERIES = 2_000_000;

  public CollectorConfig {
    scrapeInterval = scrapeInterval == null ? DEFAULT_SCRAPE_INTERVAL : scrapeInterval;
    Durations.requirePositive(scrapeInterval, "collector.scrape_interval");
    if (scrapeTimeout == null) {
      // A short interval alone must stay valid, so the default timeout shrinks to fit it.
      scrapeTimeout =
          DEFAULT_SCRAPE_TIMEOUT.compareTo(scrapeInterval) > 0
              ? scrapeInterval
              : DEFAULT_SCRAPE_TIMEOUT;
    }
    Durations.requirePositive(scrapeTimeout, "collector.scrape_timeout");
    if (scrapeTimeout.compareTo(scrapeInterval) > 0) {
      throw new IllegalArgumentException(
          "collector.scrape_timeout "
              + PrometheusDuration.format(scrapeTimeout)
              + " exceeds scrape_interval "
              + PrometheusDuration.format(scrapeInterval));
    }
    maxConcurrentScrapes =
        maxConcurrentScrapes == null ? DEFAULT_MAX_CONCURRENT_SCRAPES : maxConcurrentScrapes;
    if (maxConcurrentScrapes < 1) {
      throw new IllegalArgumentException(
          "collector.max_concurrent_scrapes must be at least 1, got " + maxConcurrentScrapes);
    }
    bodySizeLimit = bodySizeLimit == null ? DEFAULT_BODY_SIZE_LIMIT : bodySizeLimit;
    ByteSize.parse(bodySizeLimit, "collector.body_size_limit");
    sampleLimit = sampleLimit == null ? DEFAULT_SAMPLE_LIMIT : sampleLimit;
    Limits.requireNotNegative(sampleLimit, "collector.sample_limit");
    labelLimit = labelLimit == null ? DEFAULT_LABEL_LIMIT : labelLimit;
    Limits.requireNotNegative(labelLimit, "collector.label_limit");
    maxSeries = maxSeries == null ? DEFAULT_MAX_SERIES : maxSeries;
    if (maxSeries < 0) {
      throw new IllegalArgumentException(
          "collector.max_series must be 0 (no limit) or more, got " + maxSeries);
    }
    scrapeConfigs =
        resolveJobs(
            scrapeConfigs,
            new JobDefaults(scrapeInterval, scrapeTimeout, bodySizeLimit, sampleLimit, labelLimit));
    ingest = ingest == null ? IngestConfig.defaults() : ingest;
    delivery = delivery == null ? DeliveryConfig.defaults() : delivery;
  }

  public CollectorConfig(
      Duration scrapeInterval,
      Duration scrapeTimeout,
      List<ScrapeConfig> scrapeConfigs,
      Integer maxConcurrentScrapes,
      String bodySizeLimit,
      Integer sampleLimit,
      Integer labelLimit,
      IngestConfig ingest,
      DeliveryConfig delivery) {
    this(
        scrapeInterval,
        scrapeTimeout,
        scrapeConfigs,
        maxConcurrentScrapes,
        bodySizeLimit,
        sampleLimit,
        labelLimit,
        null,
        ingest,
        delivery);
  }

  public CollectorConfig(
      Duration scrapeInterval,
      Duration scrapeTimeout,
      List<ScrapeConfig> scrapeConfigs,
      Integer maxConcurrentScrapes,
      String bodySizeLimit,
      Integer sampleLimit,
      Integer labelLimit) {
    this(
        scrapeInterval,
        scrapeTimeout,
        scrapeConfigs,
        maxConcurrentScrapes,
        bodySizeLimit,
        sampleLimit,
        labelLimit,
        null,
        null,
        null);
  }

  public CollectorConfig(
      Duration scrapeInterval,
      Duration scrapeTimeout,
      List<ScrapeConfig> scrapeConfigs,
      Integer maxConcurrentScrapes) {
    this(scrapeInterval, scrapeTimeout, scrapeConfigs, maxConcurrentScrapes, null, null, null);
  }

  public CollectorConfig(
      Duration scrapeInterval, Duration scrapeTimeout, List<ScrapeConfig> scrapeConfigs) {
    this(scrapeInterval, scrapeTimeout, scrapeConfigs, null);
  }

  public static CollectorConfig defaults() {
    return new CollectorConfig(null, null, null, null, null, null, null);
  }

  private static List<ScrapeConfig> resolveJobs(List<ScrapeConfig> jobs, JobDefaults defaults) {
    if (jobs == null) {
      return List.of();
    }
    Set<String> names = new HashSet<>();
    for (ScrapeConfig job : jobs) {
      if (job == null) {
        throw new IllegalArgumentException("scrape_configs contains an empty entry");
      }
      if (!names.add(job.jobName())) {
        throw new IllegalArgumentException("job \"" + job.jobName() + "\" is configured twice");
      }
    }
    return jobs.stream().map(job -> job.resolved(defaults)).toList();
  }
}
