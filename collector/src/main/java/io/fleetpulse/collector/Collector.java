package io.fleetpulse.collector;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.engine.EngineDetector;
import io.fleetpulse.collector.engine.NoiseFilter;
import io.fleetpulse.collector.parse.TextFormatParser;
import io.fleetpulse.collector.publish.ScrapePublisher;
import io.fleetpulse.collector.scrape.ScrapeScheduler;
import io.fleetpulse.collector.scrape.ScrapeTarget;
import io.fleetpulse.collector.scrape.TargetScraper;
import io.fleetpulse.schemas.Scrape;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector service: scrapes every configured target on its schedule and publishes each
 * result, successful or not, as one Scrape record.
 */
public final class Collector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Collector.class);

  private final ScrapePublisher publisher;
  private final List<ScrapeTarget> targets;
  private final ExecutorService workers;
  private final ScrapeScheduler scheduler;
  private final TargetHealthLog healthLog = new TargetHealthLog();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  public Collector(CollectorConfig config, ScrapePublisher publisher) {
    this.publisher = publisher;
    this.targets = ScrapeTarget.allOf(config);
    // Parsing is CPU work; more threads than cores would only queue it.
    this.workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        daemonThreads("fleetpulse-scrape-worker-"));
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .executor(workers)
        .build();
    TargetScraper scraper = new TargetScraper(client, new TextFormatParser(), new NoiseFilter(), new EngineDetector());
    this.scheduler = new ScrapeScheduler(targets, target -> scraper.scrape(target).thenAccept(this::deliver),
        config.maxConcurrentScrapes());
  }

  /** Begins scraping every target on its schedule. */
  public void start() {
    if (closed.get()) {
      throw new IllegalStateException("collector is closed");
    }
    if (started.compareAndSet(false, true)) {
      scheduler.start();
      log.info("collector started: {} targets", targets.size());
    }
  }

  /** Stops scraping, waits for scrapes in flight to be published, then closes the publisher. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
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

  /** Scrapes that succeeded (published with up=true). */
  public long scrapesCompleted() {
    return completed.get();
  }

  /** Scrapes that failed (published with up=false and the reason). */
  public long scrapesFailed() {
    return failed.get();
  }

  private void deliver(Scrape scrape) {
    (scrape.getUp() ? completed : failed).incrementAndGet();
    healthLog.record(scrape);
    try {
      publisher.publish(scrape);
    } catch (RuntimeException e) {
      log.warn("publisher refused scrape of {} (job {}): {}", scrape.getInstance(), scrape.getJob(), e.toString());
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
