package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.schemas.Scrape;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Scrapes one target once: fetch, then let the {@link ScrapeAssembler} turn the body into a record.
 * The result is always a whole Scrape record: up with its families, or down with the reason and no
 * families. Each scrape is counted in the collector's metrics.
 */
public final class TargetScraper {

  private final HttpFetcher fetcher;
  private final Executor workers;
  private final ScrapeAssembler assembler;

  /**
   * @param workers where responses are parsed and results handed on: also after a timeout, which
   *     the JDK signals on its one shared timer thread
   */
  public TargetScraper(ScrapeClients clients, Executor workers, CollectorMetrics metrics) {
    this.fetcher = new HttpFetcher(clients);
    this.workers = workers;
    this.assembler = new ScrapeAssembler(metrics);
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
    return body.handleAsync(
        (fetched, error) -> {
          Throwable failure = error;
          if (failure == null) {
            try {
              return assembler.up(
                  target, started, secondsSince(startNanos), fetched.body(), fetched.contentType());
            } catch (ExpositionParseException | RuntimeException e) {
              failure = e;
            }
          }
          return assembler.down(
              target,
              started,
              secondsSince(startNanos),
              FailureReasons.describe(failure, target.timeout()));
        },
        workers);
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
