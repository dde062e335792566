package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.engine.EngineDetector;
import io.fleetpulse.collector.engine.EngineFamilies;
import io.fleetpulse.collector.engine.FamilyFilter;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.collector.parse.Parsers;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Scrape;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Scrapes one target once: fetch, parse (in the format the Content-Type names), detect the engine, keep
 * the families the job keeps, check the limits. The result is always a whole Scrape record: up with its
 * families, or down with the reason and no families. Each scrape is counted in the collector's metrics.
 */
public final class TargetScraper {

  private final HttpFetcher fetcher;
  private final Executor workers;
  private final EngineDetector engineDetector = new EngineDetector();
  private final CollectorMetrics metrics;

  /**
   * @param workers where responses are parsed and results handed on: also after a timeout, which the JDK
   *                signals on its one shared timer thread
   */
  public TargetScraper(HttpClient client, Executor workers, CollectorMetrics metrics) {
    this.fetcher = new HttpFetcher(client);
    this.workers = workers;
    this.metrics = metrics;
  }

  /** Never completes exceptionally: a failure is a Scrape with up=false. */
  public CompletableFuture<Scrape> scrape(ScrapeTarget target) {
    // Prometheus stamps a scrape with the time it started; downstream windows use it as event time.
    Instant started = Instant.ofEpochMilli(System.currentTimeMillis());
    long startNanos = System.nanoTime();
    CompletableFuture<FetchedBody> body;
    try {
      body = fetcher.fetch(target);
    } catch (RuntimeException e) {
      body = CompletableFuture.failedFuture(e);
    }
    return body.handleAsync((fetched, error) -> {
      Throwable failure = error;
      if (failure == null) {
        try {
          return up(target, started, startNanos, fetched);
        } catch (ExpositionParseException | RuntimeException e) {
          failure = e;
        }
      }
      return down(target, started, startNanos, FailureReasons.describe(failure, target.timeout()));
    }, workers);
  }

  private Scrape up(ScrapeTarget target, Instant started, long startNanos, FetchedBody fetched)
      throws ExpositionParseException {
    String job = target.jobName();
    metrics.bytesScraped.labelValues(job).inc(fetched.body().length);
    List<MetricFamily> parsed = Parsers.forContentType(fetched.contentType()).parse(fetched.body());
    String engine = engineDetector.detect(parsed);
    FamilyFilter filter = target.job().familyFilter() != null
        ? target.job().familyFilter() : EngineFamilies.defaultFor(engine);
    List<MetricFamily> families = filter.apply(parsed);
    target.job().limits().check(families, target.labels().size());
    metrics.samplesScraped.labelValues(job).inc(ScrapeLimits.sampleCount(families));
    double duration = secondsSince(startNanos);
    metrics.scrapeDuration.labelValues(job).observe(duration);
    return new Scrape(target.cluster(), target.instance(), job, engine, started, duration, true, null,
        target.labels(), families);
  }

  private Scrape down(ScrapeTarget target, Instant started, long startNanos, ScrapeError error) {
    double duration = secondsSince(startNanos);
    metrics.scrapeDuration.labelValues(target.jobName()).observe(duration);
    metrics.scrapeFailures.labelValues(target.jobName(), error.category().label()).inc();
    return new Scrape(target.cluster(), target.instance(), target.jobName(), EngineDetector.UNKNOWN, started,
        duration, false, error.reason(), target.labels(), List.of());
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
