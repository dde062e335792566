package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.engine.EngineDetector;
import io.fleetpulse.collector.engine.EngineFamilies;
import io.fleetpulse.collector.engine.FamilyFilter;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.collector.parse.ExpositionProblem;
import io.fleetpulse.collector.parse.ParsedExposition;
import io.fleetpulse.collector.parse.Parsers;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Scrape;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns one target's response body into its Scrape record: parse (in the format the Content-Type
 * names), detect the engine, keep the families the job keeps, check the limits. Every path from a
 * body to a record goes through here, the HTTP scraper and the simulated-time feeder alike, so both
 * publish the same records. A family with a problem confined to it is left out, counted and logged,
 * and the rest of the scrape kept; a syntax error still makes the scrape down.
 */
public final class ScrapeAssembler {

  private final EngineDetector engineDetector = new EngineDetector();
  private final CollectorMetrics metrics;
  private final DroppedFamilyLog droppedFamilyLog = new DroppedFamilyLog(System::nanoTime);

  /** The jobs whose dropped-family counters exist, so that each reason shows from zero. */
  private final Set<String> countedJobs = ConcurrentHashMap.newKeySet();

  public ScrapeAssembler(CollectorMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * The up record of {@code body}, fetched from {@code target} at {@code started} in {@code
   * durationSeconds}; throws when the body cannot be used, and then the caller records the target
   * as down.
   */
  public Scrape up(
      ScrapeTarget target, Instant started, double durationSeconds, byte[] body, String contentType)
      throws ExpositionParseException {
    String job = target.jobName();
    metrics.bytesScraped.labelValues(job).inc(body.length);
    ParsedExposition exposition = Parsers.forContentType(contentType).read(body);
    countDropped(target, exposition.problems());
    List<MetricFamily> parsed = exposition.families();
    String engine = engineDetector.detect(parsed);
    FamilyFilter filter =
        target.job().familyFilter() != null
            ? target.job().familyFilter()
            : EngineFamilies.defaultFor(engine);
    List<MetricFamily> families = filter.apply(parsed);
    target.job().limits().check(families, target.labels().size());
    metrics.samplesScraped.labelValues(job).inc(ScrapeLimits.sampleCount(families));
    metrics.scrapeDuration.labelValues(job).observe(durationSeconds);
    return new Scrape(
        target.cluster(),
        target.instance(),
        job,
        engine,
        started,
        durationSeconds,
        true,
        null,
        target.labels(),
        families);
  }

  private void countDropped(ScrapeTarget target, List<ExpositionProblem> problems) {
    String job = target.jobName();
    if (countedJobs.add(job)) {
      for (ExpositionProblem.Severity severity : ExpositionProblem.Severity.values()) {
        metrics.familiesDropped.labelValues(job, severity.label());
      }
    }
    if (problems.isEmpty()) {
      return;
    }
    for (ExpositionProblem problem : problems) {
      metrics.familiesDropped.labelValues(job, problem.severity().label()).inc();
    }
    droppedFamilyLog.report(job + " " + target.instance(), problems);
  }

  /** The down record of a scrape of {@code target} that failed with {@code error}. */
  public Scrape down(
      ScrapeTarget target, Instant started, double durationSeconds, ScrapeError error) {
    metrics.scrapeDuration.labelValues(target.jobName()).observe(durationSeconds);
    metrics.scrapeFailures.labelValues(target.jobName(), error.category().label()).inc();
    return new Scrape(
        target.cluster(),
        target.instance(),
        target.jobName(),
        EngineDetector.UNKNOWN,
        started,
        durationSeconds,
        false,
        error.reason(),
        target.labels(),
        List.of());
  }
}
