package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.engine.EngineDetector;
import io.fleetpulse.collector.engine.NoiseFilter;
import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.collector.parse.ExpositionParser;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Scrape;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Scrapes one target once: fetch, parse, drop noise, detect the engine. The result is always a
 * whole Scrape record: up with its families, or down with the reason and no families.
 */
public final class TargetScraper {

  private final HttpFetcher fetcher;
  private final ExpositionParser parser;
  private final NoiseFilter noiseFilter;
  private final EngineDetector engineDetector;

  public TargetScraper(HttpClient client, ExpositionParser parser, NoiseFilter noiseFilter,
      EngineDetector engineDetector) {
    this.fetcher = new HttpFetcher(client);
    this.parser = parser;
    this.noiseFilter = noiseFilter;
    this.engineDetector = engineDetector;
  }

  /** Never completes exceptionally: a failure is a Scrape with up=false. */
  public CompletableFuture<Scrape> scrape(ScrapeTarget target) {
    // Prometheus stamps a scrape with the time it started; downstream windows use it as event time.
    Instant started = Instant.ofEpochMilli(System.currentTimeMillis());
    long startNanos = System.nanoTime();
    CompletableFuture<byte[]> body;
    try {
      body = fetcher.fetch(target);
    } catch (RuntimeException e) {
      body = CompletableFuture.failedFuture(e);
    }
    return body
        .thenApply(bytes -> up(target, started, startNanos, bytes))
        .exceptionally(error -> down(target, started, startNanos, FailureReasons.describe(error, target.timeout())));
  }

  private Scrape up(ScrapeTarget target, Instant started, long startNanos, byte[] body) {
    List<MetricFamily> families;
    try {
      families = noiseFilter.apply(parser.parse(body));
    } catch (ExpositionParseException e) {
      throw new CompletionException(e);
    }
    return new Scrape(target.cluster(), target.instance(), target.job(), engineDetector.detect(families), started,
        secondsSince(startNanos), true, null, target.labels(), families);
  }

  private static Scrape down(ScrapeTarget target, Instant started, long startNanos, String reason) {
    return new Scrape(target.cluster(), target.instance(), target.job(), EngineDetector.UNKNOWN, started,
        secondsSince(startNanos), false, reason, target.labels(), List.of());
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
