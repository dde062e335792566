package io.fleetpulse.collector.config;

import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scrape job, as in Prometheus' {@code scrape_configs}. A null interval, timeout or limit means
 * "inherit the collector-wide value"; {@link #resolved(JobDefaults)} fills them in. A job without
 * {@code metric_relabel_configs} keeps what its engine's default keeps (its own families, no
 * runtime noise); with them, exactly what they say.
 *
 * @param params query parameters added to every scrape URL, e.g. {@code {model: [qwen]}} for
 *     llama.cpp's router
 * @param tlsConfig how https targets are verified and what they are shown, or null for the JVM's
 *     trusted CAs and no client certificate
 */
public record ScrapeConfig(
    String jobName,
    Duration scrapeInterval,
    Duration scrapeTimeout,
    String metricsPath,
    String scheme,
    Map<String, List<String>> params,
    BasicAuth basicAuth,
    Authorization authorization,
    TlsConfig tlsConfig,
    List<StaticConfig> staticConfigs,
    List<FileSdConfig> fileSdConfigs,
    String bodySizeLimit,
    Integer sampleLimit,
    Integer labelLimit,
    List<RelabelConfig> metricRelabelConfigs) {

  public static final String DEFAULT_METRICS_PATH = "/metrics";
  public static final String DEFAULT_SCHEME = "http";

  public ScrapeConfig {
    if (jobName == null || jobName.isBlank()) {
      throw new IllegalArgumentException("scrape_configs entry has no job_name");
    }
    String job = "job \"" + jobName + "\": ";
    metricsPath = metricsPath == null ? DEFAULT_METRICS_PATH : metricsPath;
    if (!metricsPath.startsWith("/")) {
      throw new IllegalArgumentException(
          job + "metrics_path \"" + metricsPath + "\" must start with /");
    }
    scheme = scheme == null ? DEFAULT_SCHEME : scheme;
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(job + "scheme \"" + scheme + "\" must be http or https");
    }
    params = copyParams(params, job);
    if (basicAuth != null && authorization != null) {
      throw new IllegalArgumentException(
          job + "at most one of basic_auth and authorization must be set");
    }
    staticConfigs = copyWithoutNulls(staticConfigs, job + "static_configs");
    fileSdConfigs = copyWithoutNulls(fileSdConfigs, job + "file_sd_configs");
    metricRelabelConfigs =
        metricRelabelConfigs == null
            ? null
            : copyWithoutNulls(metricRelabelConfigs, job + "metric_relabel_configs");
    if (scrapeInterval != null) {
      Durations.requirePositive(scrapeInterval, job + "scrape_interval");
    }
    if (scrapeTimeout != null) {
      Durations.requirePositive(scrapeTimeout, job + "scrape_timeout");
    }
    if (scrapeInterval != null && scrapeTimeout != null) {
      requireTimeoutWithinInterval(jobName, scrapeInterval, scrapeTimeout);
    }
    if (bodySizeLimit != null) {
      ByteSize.parse(bodySizeLimit, job + "body_size_limit");
    }
    Limits.requireNotNegative(sampleLimit, job + "sample_limit");
    Limits.requireNotNegative(labelLimit, job + "label_limit");
  }

  /** A job without tls_config. */
  public ScrapeConfig(
      String jobName,
      Duration scrapeInterval,
      Duration scrapeTimeout,
      String metricsPath,
      String scheme,
      Map<String, List<String>> params,
      BasicAuth basicAuth,
      Authorization authorization,
      List<StaticConfig> staticConfigs,
      List<FileSdConfig> fileSdConfigs,
      String bodySizeLimit,
      Integer sampleLimit,
      Integer labelLimit,
      List<RelabelConfig> metricRelabelConfigs) {
    this(
        jobName,
        scrapeInterval,
        scrapeTimeout,
        metricsPath,
        scheme,
        params,
        basicAuth,
        authorization,
        null,
        staticConfigs,
        fileSdConfigs,
        bodySizeLimit,
        sampleLimit,
        labelLimit,
        metricRelabelConfigs);
  }

  /** A job with its targets and the defaults for everything else. */
  public ScrapeConfig(
      String jobName,
      Duration scrapeInterval,
      Duration scrapeTimeout,
      String metricsPath,
      String scheme,
      List<StaticConfig> staticConfigs) {
    this(
        jobName,
        scrapeInterval,
        scrapeTimeout,
        metricsPath,
        scheme,
        null,
        null,
        null,
        staticConfigs,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * A job with only a name: the collector-wide timing and limits, {@code /metrics} over http, no
   * targets.
   */
  public static ScrapeConfig defaults(String jobName) {
    return new ScrapeConfig(jobName, null, null, null, null, null);
  }

  /**
   * This job with its interval, timeout and limits filled in from the collector-wide values. As in
   * Prometheus, an inherited timeout longer than the job's own interval is cut to the interval,
   * while a timeout the job sets itself must fit in its interval.
   */
  public ScrapeConfig resolved(JobDefaults defaults) {
    Duration interval = scrapeInterval != null ? scrapeInterval : defaults.scrapeInterval();
    Duration timeout = scrapeTimeout;
    if (timeout == null) {
      timeout =
          defaults.scrapeTimeout().compareTo(interval) > 0 ? interval : defaults.scrapeTimeout();
    }
    requireTimeoutWithinInterval(jobName, interval, timeout);
    return new ScrapeConfig(
        jobName,
        interval,
        timeout,
        metricsPath,
        scheme,
        params,
        basicAuth,
        authorization,
        tlsConfig,
        staticConfigs,
        fileSdConfigs,
        bodySizeLimit != null ? bodySizeLimit : defaults.bodySizeLimit(),
        sampleLimit != null ? sampleLimit : defaults.sampleLimit(),
        labelLimit != null ? labelLimit : defaults.labelLimit(),
        metricRelabelConfigs);
  }

  /**
   * The body size limit in bytes, 0 for none; only meaningful on a {@linkplain #resolved resolved}
   * job.
   */
  public long bodySizeLimitBytes() {
    return bodySizeLimit == null ? 0 : ByteSize.parse(bodySizeLimit, "body_size_limit");
  }

  private static void requireTimeoutWithinInterval(
      String jobName, Duration interval, Duration timeout) {
    if (timeout.compareTo(interval) > 0) {
      throw new IllegalArgumentException(
          "job \""
              + jobName
              + "\": scrape_timeout "
              + PrometheusDuration.format(timeout)
              + " exceeds scrape_interval "
              + PrometheusDuration.format(interval));
    }
  }

  private static Map<String, List<String>> copyParams(
      Map<String, List<String>> params, String job) {
    if (params == null) {
      return Map.of();
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    params.forEach(
        (name, values) -> {
          if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(job + "params has an empty parameter name");
          }
          copy.put(name, copyWithoutNulls(values, job + "params." + name));
        });
    return Collections.unmodifiableMap(copy);
  }

  private static <T> List<T> copyWithoutNulls(List<T> items, String what) {
    if (items == null) {
      return List.of();
    }
    for (T item : items) {
      if (item == null) {
        throw new IllegalArgumentException(what + " contains an empty entry");
      }
    }
    return List.copyOf(items);
  }
}
