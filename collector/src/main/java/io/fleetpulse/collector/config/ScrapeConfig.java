package io.fleetpulse.collector.config;

import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;
import java.util.List;

/**
 * One scrape job, as in Prometheus' {@code scrape_configs}. A null interval or timeout means "inherit
 * the collector-wide value"; {@link #resolved(Duration, Duration)} fills them in.
 */
public record ScrapeConfig(
    String jobName,
    Duration scrapeInterval,
    Duration scrapeTimeout,
    String metricsPath,
    String scheme,
    List<StaticConfig> staticConfigs) {

  public static final String DEFAULT_METRICS_PATH = "/metrics";
  public static final String DEFAULT_SCHEME = "http";

  public ScrapeConfig {
    if (jobName == null || jobName.isBlank()) {
      throw new IllegalArgumentException("scrape_configs entry has no job_name");
    }
    metricsPath = metricsPath == null ? DEFAULT_METRICS_PATH : metricsPath;
    if (!metricsPath.startsWith("/")) {
      throw new IllegalArgumentException(
          "job \"" + jobName + "\": metrics_path \"" + metricsPath + "\" must start with /");
    }
    scheme = scheme == null ? DEFAULT_SCHEME : scheme;
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "job \"" + jobName + "\": scheme \"" + scheme + "\" must be http or https");
    }
    staticConfigs = staticConfigs == null ? List.of() : List.copyOf(staticConfigs);
    if (scrapeInterval != null) {
      Durations.requirePositive(scrapeInterval, "job \"" + jobName + "\": scrape_interval");
    }
    if (scrapeTimeout != null) {
      Durations.requirePositive(scrapeTimeout, "job \"" + jobName + "\": scrape_timeout");
    }
    if (scrapeInterval != null && scrapeTimeout != null) {
      requireTimeoutWithinInterval(jobName, scrapeInterval, scrapeTimeout);
    }
  }

  /** A job with only a name: the collector-wide timing, {@code /metrics} over http, no targets. */
  public static ScrapeConfig defaults(String jobName) {
    return new ScrapeConfig(jobName, null, null, null, null, null);
  }

  /**
   * This job with its interval and timeout filled in from the collector-wide values. As in
   * Prometheus, an inherited timeout longer than the job's own interval is cut to the interval,
   * while a timeout the job sets itself must fit in its interval.
   */
  public ScrapeConfig resolved(Duration globalInterval, Duration globalTimeout) {
    Duration interval = scrapeInterval != null ? scrapeInterval : globalInterval;
    Duration timeout = scrapeTimeout;
    if (timeout == null) {
      timeout = globalTimeout.compareTo(interval) > 0 ? interval : globalTimeout;
    }
    requireTimeoutWithinInterval(jobName, interval, timeout);
    return new ScrapeConfig(jobName, interval, timeout, metricsPath, scheme, staticConfigs);
  }

  private static void requireTimeoutWithinInterval(String jobName, Duration interval, Duration timeout) {
    if (timeout.compareTo(interval) > 0) {
      throw new IllegalArgumentException("job \"" + jobName + "\": scrape_timeout " + PrometheusDuration.format(timeout)
          + " exceeds scrape_interval " + PrometheusDuration.format(interval));
    }
  }
}
