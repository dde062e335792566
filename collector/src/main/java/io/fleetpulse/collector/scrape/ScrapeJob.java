package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.engine.FamilyFilter;
import io.fleetpulse.collector.tls.ClientTls;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every target of one job shares when it is scraped, built once from the job's resolved
 * config.
 *
 * @param familyFilter the job's own keep/drop rules, or null to use its engine's default
 * @param tls the TLS of its https scrapes, or null for the shared client's defaults
 */
public record ScrapeJob(
    String name,
    Duration interval,
    Duration timeout,
    String scheme,
    String metricsPath,
    Map<String, List<String>> params,
    AuthorizationHeader authorization,
    ClientTls tls,
    ScrapeLimits limits,
    FamilyFilter familyFilter) {

  /**
   * @param job a job as {@link io.fleetpulse.collector.config.CollectorConfig} resolves it
   */
  public static ScrapeJob of(ScrapeConfig job) {
    if (job.scrapeInterval() == null || job.scrapeTimeout() == null) {
      throw new IllegalArgumentException(
          "job \"" + job.jobName() + "\" is not resolved: no interval or timeout");
    }
    FamilyFilter filter =
        job.metricRelabelConfigs() == null ? null : new FamilyFilter(job.metricRelabelConfigs());
    ScrapeLimits limits =
        new ScrapeLimits(
            job.bodySizeLimitBytes(),
            valueOrZero(job.sampleLimit()),
            valueOrZero(job.labelLimit()));
    return new ScrapeJob(
        job.jobName(),
        job.scrapeInterval(),
        job.scrapeTimeout(),
        job.scheme(),
        job.metricsPath(),
        job.params(),
        AuthorizationHeader.of(job.basicAuth(), job.authorization()),
        job.tlsConfig() == null ? null : job.tlsConfig().clientTls(),
        limits,
        filter);
  }

  private static int valueOrZero(Integer limit) {
    return limit == null ? 0 : limit;
  }
}
