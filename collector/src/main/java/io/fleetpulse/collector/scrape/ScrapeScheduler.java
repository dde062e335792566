package io.fleetpulse.collector.scrape;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires every target's scrape at its job's interval. One scheduler thread only starts scrapes; they
 * run asynchronously, at most {@code maxConcurrent} at once. Start times are spread evenly over the
 * interval so the targets do not all fire together, and a target whose previous scrape has not
 * finished skips a turn rather than piling scrapes up.
 */
public final class ScrapeScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ScrapeScheduler.class);
  /** Beyond the longest timeout, how long close() waits for scrapes to be handed over. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  private final List<ScrapeTarget> targets;
  private final Function<ScrapeTarget, CompletableFuture<?>> scrape;
  private final ConcurrencyLimit limit;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "fleetpulse-scrape-scheduler");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * @param scrape scrapes a target and delivers the result; its future completes when that is done
   */
  public ScrapeScheduler(List<ScrapeTarget> targets, Function<ScrapeTarget, CompletableFuture<?>> scrape,
      int maxConcurrent) {
    this.targets = List.copyOf(targets);
    this.scrape = scrape;
    this.limit = new ConcurrencyLimit(maxConcurrent);
  }

  public void start() {
    for (int i = 0; i < targets.size(); i++) {
      ScrapeTarget target = targets.get(i);
      long intervalMillis = target.interval().toMillis();
      long offsetMillis = intervalMillis * i / targets.size();
      AtomicBoolean busy = new AtomicBoolean();
      ticker.scheduleAtFixedRate(() -> tick(target, busy), offsetMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops firing, drops scrapes still waiting for a slot, and waits for the running ones. */
  @Override
  public void close() {
    ticker.shutdownNow();
    Duration patience = targets.stream().map(ScrapeTarget::timeout).max(Comparator.naturalOrder())
        .orElse(Duration.ZERO).plus(CLOSE_GRACE);
    try {
      if (!ticker.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)
          || !limit.closeAndAwait(patience)) {
        log.warn("scrapes still running {} ms after close; abandoning them", patience.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void tick(ScrapeTarget target, AtomicBoolean busy) {
    if (!busy.compareAndSet(false, true)) {
      log.debug("skipping scrape of {} (job {}): the previous one has not finished", target.instance(), target.job());
      return;
    }
    limit.submit(() -> {
      try {
        return scrape.apply(target).whenComplete((result, error) -> busy.set(false));
      } catch (RuntimeException e) {
        busy.set(false);
        throw e;
      }
    });
  }
}
