package io.fleetpulse.collector.scrape;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires every target's scrape at its slot in its job's interval (see {@link ScrapeSlots}). One
 * scheduler thread only starts scrapes; they run asynchronously, at most {@code maxConcurrent} at
 * once, so thousands of targets need no thread each. A target whose previous scrape has not
 * finished skips a turn rather than piling scrapes up, and slots missed altogether are skipped, not
 * caught up. Targets can be replaced per job while running: only the added ones start and only the
 * removed ones stop.
 */
public final class ScrapeScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ScrapeScheduler.class);

  /** Beyond the longest timeout, how long close() waits for scrapes to be handed over. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  /** What {@link #setTargets} changed. */
  public record Changes(int added, int removed, int total) {}

  private final Function<ScrapeTarget, CompletableFuture<?>> scrape;
  private final ConcurrencyLimit limit;
  private final DoubleConsumer lagSeconds;
  private final ScheduledThreadPoolExecutor ticker =
      new ScheduledThreadPoolExecutor(
          1,
          runnable -> {
            Thread thread = new Thread(runnable, "fleetpulse-scrape-scheduler");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Map<ScrapeTarget, TargetLoop>> loopsByJob = new HashMap<>();
  private boolean started;
  private boolean closed;

  /**
   * @param scrape scrapes a target and delivers the result; its future completes when that is done
   * @param lagSeconds told, as each scrape starts, how long after its slot it started (waiting for
   *     a free concurrency slot included)
   */
  public ScrapeScheduler(
      Function<ScrapeTarget, CompletableFuture<?>> scrape,
      int maxConcurrent,
      DoubleConsumer lagSeconds) {
    this.scrape = scrape;
    this.limit = new ConcurrencyLimit(maxConcurrent);
    this.lagSeconds = lagSeconds;
    ticker.setRemoveOnCancelPolicy(true);
  }

  /**
   * Makes {@code targets} the whole set of {@code job}'s targets; once started, new ones begin at
   * their slot.
   */
  public synchronized Changes setTargets(String job, Collection<ScrapeTarget> targets) {
    if (closed) {
      return new Changes(0, 0, 0);
    }
    Set<ScrapeTarget> wanted = new LinkedHashSet<>(targets);
    Map<ScrapeTarget, TargetLoop> current =
        loopsByJob.computeIfAbsent(job, name -> new HashMap<>());
    int removed = 0;
    for (var it = current.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      if (!wanted.contains(entry.getKey())) {
        entry.getValue().stop();
        it.remove();
        removed++;
      }
    }
    int added = 0;
    for (ScrapeTarget target : wanted) {
      if (!current.containsKey(target)) {
        TargetLoop loop = new TargetLoop(target);
        current.put(target, loop);
        added++;
        if (started) {
          loop.start();
        }
      }
    }
    return new Changes(added, removed, current.size());
  }

  public synchronized void start() {
    if (started || closed) {
      return;
    }
    started = true;
    loopsByJob.values().forEach(loops -> loops.values().forEach(TargetLoop::start));
  }

  /** Targets currently scheduled, over all jobs. */
  public synchronized int targetCount() {
    return loopsByJob.values().stream().mapToInt(Map::size).sum();
  }

  /** Stops firing, drops scrapes still waiting for a slot, and waits for the running ones. */
  @Override
  public void close() {
    Duration patience;
    synchronized (this) {
      closed = true;
      patience =
          loopsByJob.values().stream()
              .flatMap(loops -> loops.keySet().stream())
              .map(ScrapeTarget::timeout)
              .max(Duration::compareTo)
              .orElse(Duration.ZERO)
              .plus(CLOSE_GRACE);
      loopsByJob.values().forEach(loops -> loops.values().forEach(TargetLoop::stop));
    }
    ticker.shutdownNow();
    try {
      if (!ticker.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)
          || !limit.closeAndAwait(patience)) {
        log.warn("scrapes still running {} ms after close; abandoning them", patience.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One target's repeating scrape; fires on the ticker thread only. */
  private final class TargetLoop {

    private final ScrapeTarget target;
    private final long intervalNanos;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;
    private long slotNanos;

    TargetLoop(ScrapeTarget target) {
      this.target = target;
      this.intervalNanos = target.interval().toNanos();
    }

    void start() {
      long delayMillis = ScrapeSlots.millisUntilNextSlot(target, System.currentTimeMillis());
      slotNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
      scheduleNext();
    }

    void stop() {
      stopped = true;
      ScheduledFuture<?> pending = next;
      if (pending != null) {
        pending.cancel(false);
      }
    }

    private void scheduleNext() {
      try {
        next = ticker.schedule(this::fire, slotNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // The scheduler is closing.
        stopped = true;
      }
    }

    private void fire() {
      if (stopped) {
        return;
      }
      long due = slotNanos;
      long now = System.nanoTime();
      long missed = Math.max(0, (now - due) / intervalNanos);
      slotNanos = due + (missed + 1) * intervalNanos;
      scheduleNext();
      if (!busy.compareAndSet(false, true)) {
        log.debug(
            "skipping scrape of {} (job {}): the previous one has not finished",
            target.instance(),
            target.jobName());
        return;
      }
      limit.submit(
          () -> {
            lagSeconds.accept((System.nanoTime() - due) / 1e9);
            try {
              return scrape.apply(target).whenComplete((result, error) -> busy.set(false));
            } catch (RuntimeException e) {
              busy.set(false);
              throw e;
            }
          });
    }
  }
}
