package io.fleetpulse.collector;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.FileSdConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import io.fleetpulse.collector.discovery.FileDiscovery;
import io.fleetpulse.collector.engine.EngineDetector;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.publish.RecordTooLargeException;
import io.fleetpulse.collector.publish.ScrapePublisher;
import io.fleetpulse.collector.scrape.CommonPoolParallelism;
import io.fleetpulse.collector.scrape.FailureCategory;
import io.fleetpulse.collector.scrape.JobTargets;
import io.fleetpulse.collector.scrape.ScrapeClients;
import io.fleetpulse.collector.scrape.ScrapeJob;
import io.fleetpulse.collector.scrape.ScrapeLimits;
import io.fleetpulse.collector.scrape.ScrapeScheduler;
import io.fleetpulse.collector.scrape.ScrapeTarget;
import io.fleetpulse.collector.scrape.TargetScraper;
import io.fleetpulse.schemas.DaemonThreads;
import io.fleetpulse.schemas.Scrape;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector service: scrapes every configured target (static and from file_sd) on its schedule
 * and publishes each result, successful or not, as one Scrape record; its own health goes to {@link
 * #metrics()}.
 */
public final class Collector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Collector.class);

  private final ScrapePublisher publisher;
  private final CollectorMetrics metrics;
  private final ExecutorService workers;
  private final ScrapeScheduler scheduler;
  private final FileDiscovery discovery;
  private final TargetHealthLog healthLog = new TargetHealthLog();
  private final TargetLedger ledger;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  public Collector(CollectorConfig config, ScrapePublisher publisher) {
    this(config, publisher, new CollectorMetrics());
  }

  static {
    CommonPoolParallelism.install();
  }

  public Collector(CollectorConfig config, ScrapePublisher publisher, CollectorMetrics metrics) {
    if (!CommonPoolParallelism.effective()) {
      log.warn(
          "the common pool has parallelism {}, so the HTTP client starts a thread per scrape; start the JVM "
              + "with -Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
          ForkJoinPool.getCommonPoolParallelism());
    }
    this.publisher = publisher;
    this.metrics = metrics;
    this.ledger = new TargetLedger(config.maxSeries());
    metrics.showTargets(ledger);
    // Parsing is CPU work; more threads than cores would only queue it.
    this.workers =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            new DaemonThreads("fleetpulse-scrape-worker-"));
    TargetScraper scraper = new TargetScraper(new ScrapeClients(workers), workers, metrics);
    this.scheduler =
        new ScrapeScheduler(
            target -> scraper.scrape(target).thenAccept(s -> deliver(target, s)),
            config.maxConcurrentScrapes(),
            metrics.scheduleLag::observe);
    boolean anyFileSd =
        config.scrapeConfigs().stream().anyMatch(job -> !job.fileSdConfigs().isEmpty());
    this.discovery = anyFileSd ? new FileDiscovery() : null;
    config.scrapeConfigs().forEach(this::addJob);
  }

  /** Reads the file_sd files, then begins scraping every target at its slot. */
  public void start() {
    if (closed.get()) {
      throw new IllegalStateException("collector is closed");
    }
    if (started.compareAndSet(false, true)) {
      if (discovery != null) {
        discovery.start();
      }
      scheduler.start();
      log.info("collector started: {} targets", scheduler.targetCount());
    }
  }

  /** Stops scraping, waits for scrapes in flight to be published, then closes the publisher. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (discovery != null) {
      discovery.close();
    }
    scheduler.close();
    workers.shutdown();
    try {
      workers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close();
    log.info("collector stopped after {} scrapes up, {} failed", completed.get(), failed.get());
  }

  /**
   * The collector's own metrics (scrape durations, failures by reason, samples, bytes, schedule
   * lag).
   */
  public CollectorMetrics metrics() {
    return metrics;
  }

  /** Targets being scraped now, over all jobs. */
  public int targetCount() {
    return scheduler.targetCount();
  }

  /** Scrapes that succeeded (published with up=true). */
  public long scrapesCompleted() {
    return completed.get();
  }

  /** Scrapes that failed (published with up=false and the reason). */
  public long scrapesFailed() {
    return failed.get();
  }

  private void addJob(ScrapeConfig config) {
    if (config.tlsConfig() != null && config.tlsConfig().insecureSkipVerify()) {
      log.warn(
          "job {}: tls_config.insecure_skip_verify is set, so its targets' certificates are not"
              + " verified",
          config.jobName());
    }
    JobTargets targets = new JobTargets(ScrapeJob.of(config), config.staticConfigs());
    metrics.startJob(config.jobName());
    ledger.setTargets(config.jobName(), targets.all());
    scheduler.setTargets(config.jobName(), targets.all());
    List<FileSdConfig> fileSdConfigs = config.fileSdConfigs();
    for (int i = 0; i < fileSdConfigs.size(); i++) {
      int source = i;
      discovery.add(
          config.jobName(), fileSdConfigs.get(i), groups -> discovered(targets, source, groups));
    }
  }

  private void discovered(JobTargets targets, int source, List<StaticConfig> groups) {
    String job = targets.job().name();
    Collection<ScrapeTarget> all = targets.discovered(source, groups);
    ledger.setTargets(job, all);
    ScrapeScheduler.Changes changes = scheduler.setTargets(job, all);
    if (changes.added() > 0 || changes.removed() > 0) {
      log.info(
          "job {}: {} targets after file_sd update ({} added, {} removed)",
          job,
          changes.total(),
          changes.added(),
          changes.removed());
    }
  }

  /**
   * Checks the series budget and publishes before anything counts the scrape: one over the budget,
   * or whose record is too large to deliver, is down with reason limit, never up.
   */
  private void deliver(ScrapeTarget target, Scrape scrape) {
    Scrape delivered = scrape;
    if (scrape.getUp()) {
      long series = ScrapeLimits.sampleCount(scrape.getFamilies());
      if (!ledger.admit(target, series)) {
        delivered =
            refused(
                scrape,
                "max_series exceeded (series: "
                    + series
                    + " would put all targets over the "
                    + "limit of "
                    + ledger.maxSeries()
                    + ", collector.max_series)");
      }
    }
    try {
      publish(delivered);
    } catch (RecordTooLargeException e) {
      delivered = refused(delivered, "record size limit exceeded: " + e.getMessage());
      publishDown(delivered);
    }
    ledger.finished(target, delivered.getUp());
    (delivered.getUp() ? completed : failed).incrementAndGet();
    healthLog.record(delivered);
  }

  private void publish(Scrape scrape) throws RecordTooLargeException {
    try {
      publisher.publish(scrape);
    } catch (RuntimeException e) {
      log.warn(
          "publisher refused scrape of {} (job {}): {}",
          scrape.getInstance(),
          scrape.getJob(),
          e.toString());
    }
  }

  private void publishDown(Scrape down) {
    try {
      publish(down);
    } catch (RecordTooLargeException e) {
      // A down record holds no families; only absurd target labels could make it this large.
      log.warn(
          "scrape of {} (job {}) not delivered: {}",
          down.getInstance(),
          down.getJob(),
          e.getMessage());
    }
  }

  private Scrape refused(Scrape up, String reason) {
    metrics.scrapeFailures.labelValues(up.getJob(), FailureCategory.LIMIT.label()).inc();
    return Scrape.newBuilder(up)
        .setUp(false)
        .setError(reason)
        .setEngine(EngineDetector.UNKNOWN)
        .setFamilies(List.of())
        .build();
  }
}
