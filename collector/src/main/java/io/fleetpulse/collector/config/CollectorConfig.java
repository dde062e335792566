package io.fleetpulse.collector.config;

import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The collector section of the config. Jobs come out of the constructor resolved: each has its
 * own interval and timeout, inherited from these collector-wide ones where it set none.
 *
 * @param maxConcurrentScrapes how many scrapes may be in flight at once; further ones wait their turn
 */
public record CollectorConfig(
    Duration scrapeInterval,
    Duration scrapeTimeout,
    List<ScrapeConfig> scrapeConfigs,
    Integer maxConcurrentScrapes) {

  public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(4);
  public static final int DEFAULT_MAX_CONCURRENT_SCRAPES = 64;

  public CollectorConfig {
    scrapeInterval = scrapeInterval == null ? DEFAULT_SCRAPE_INTERVAL : scrapeInterval;
    Durations.requirePositive(scrapeInterval, "collector scrape_interval");
    if (scrapeTimeout == null) {
      // A short interval alone must stay valid, so the default timeout shrinks to fit it.
      scrapeTimeout = DEFAULT_SCRAPE_TIMEOUT.compareTo(scrapeInterval) > 0 ? scrapeInterval : DEFAULT_SCRAPE_TIMEOUT;
    }
    Durations.requirePositive(scrapeTimeout, "collector scrape_timeout");
    if (scrapeTimeout.compareTo(scrapeInterval) > 0) {
      throw new IllegalArgumentException("collector scrape_timeout " + PrometheusDuration.format(scrapeTimeout)
          + " exceeds scrape_interval " + PrometheusDuration.format(scrapeInterval));
    }
    scrapeConfigs = resolveJobs(scrapeConfigs, scrapeInterval, scrapeTimeout);
    maxConcurrentScrapes = maxConcurrentScrapes == null ? DEFAULT_MAX_CONCURRENT_SCRAPES : maxConcurrentScrapes;
    if (maxConcurrentScrapes < 1) {
      throw new IllegalArgumentException("collector max_concurrent_scrapes must be at least 1, got " + maxConcurrentScrapes);
    }
  }

  public CollectorConfig(Duration scrapeInterval, Duration scrapeTimeout, List<ScrapeConfig> scrapeConfigs) {
    this(scrapeInterval, scrapeTimeout, scrapeConfigs, null);
  }

  public static CollectorConfig defaults() {
    return new CollectorConfig(null, null, null, null);
  }

  private static List<ScrapeConfig> resolveJobs(List<ScrapeConfig> jobs, Duration interval, Duration timeout) {
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
    return jobs.stream().map(job -> job.resolved(interval, timeout)).toList();
  }
}
