package io.fleetpulse.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScrapeSchedulerTest {

  private final ScrapeJob job = Targets.job("vllm", Duration.ofMillis(100));
  private final ScrapeTarget a = Targets.target(job, "a:1");
  private final ScrapeTarget b = Targets.target(job, "b:1");
  private final ScrapeTarget c = Targets.target(job, "c:1");
  private final Map<ScrapeTarget, AtomicInteger> scrapes = new ConcurrentHashMap<>();
  private final List<Double> lags = new CopyOnWriteArrayList<>();
  private ScrapeScheduler scheduler;

  @AfterEach
  void close() {
    if (scheduler != null) {
      scheduler.close();
    }
  }

  private ScrapeScheduler scheduler(Function<ScrapeTarget, CompletableFuture<?>> scrape) {
    scheduler =
        new ScrapeScheduler(
            target -> {
              scrapes.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
              return scrape.apply(target);
            },
            8,
            lags::add);
    return scheduler;
  }

  private int scrapesOf(ScrapeTarget target) {
    AtomicInteger count = scrapes.get(target);
    return count == null ? 0 : count.get();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void scrapesEveryTargetRepeatedlyAndReportsHowLateEachStarted() throws Exception {
    ScrapeScheduler scheduler = scheduler(target -> CompletableFuture.completedFuture(null));
    assertEquals(new ScrapeScheduler.Changes(2, 0, 2), scheduler.setTargets("vllm", List.of(a, b)));
    scheduler.start();

    await(() -> scrapesOf(a) >= 3 && scrapesOf(b) >= 3, "both targets are scraped three times");
    scheduler.close();
    int started = scrapesOf(a) + scrapesOf(b);
    assertEquals(started, lags.size(), "one lag per scrape started");
    assertTrue(lags.stream().allMatch(lag -> lag >= 0), lags::toString);
  }

  @Test
  void replacingAJobsTargetsStartsOnlyTheNewAndStopsOnlyTheRemoved() throws Exception {
    ScrapeScheduler scheduler = scheduler(target -> CompletableFuture.completedFuture(null));
    scheduler.setTargets("vllm", List.of(a, b));
    scheduler.start();
    await(() -> scrapesOf(a) >= 1 && scrapesOf(b) >= 1, "a and b are scraped");

    assertEquals(
        new ScrapeScheduler.Changes(1, 1, 2), scheduler.setTargets("vllm", List.of(b, c, c)));
    int scrapesOfA = scrapesOf(a);
    int scrapesOfB = scrapesOf(b);
    await(() -> scrapesOf(c) >= 2 && scrapesOf(b) >= scrapesOfB + 2, "b goes on and c starts");
    assertTrue(scrapesOf(a) <= scrapesOfA + 1, "a stopped (one turn may already have been firing)");
    assertEquals(2, scheduler.targetCount());
    assertEquals(new ScrapeScheduler.Changes(0, 0, 2), scheduler.setTargets("vllm", List.of(c, b)));
  }

  @Test
  void aTargetWhoseScrapeHasNotFinishedSkipsItsTurns() throws Exception {
    CompletableFuture<Void> hanging = new CompletableFuture<>();
    ScrapeScheduler scheduler = scheduler(target -> hanging);
    scheduler.setTargets("vllm", List.of(a));
    scheduler.start();
    await(() -> scrapesOf(a) == 1, "the first scrape starts");

    Thread.sleep(350);
    assertEquals(1, scrapesOf(a), "no second scrape while the first runs");
    hanging.complete(null);
    await(() -> scrapesOf(a) >= 2, "scraping resumes once it finished");
  }

  @Test
  void closeStopsFiring() throws Exception {
    ScrapeScheduler scheduler = scheduler(target -> CompletableFuture.completedFuture(null));
    scheduler.setTargets("vllm", List.of(a));
    scheduler.start();
    await(() -> scrapesOf(a) >= 1, "a is scraped");
    scheduler.close();
    int closedAt = scrapesOf(a);

    Thread.sleep(250);
    assertEquals(closedAt, scrapesOf(a));
    assertEquals(new ScrapeScheduler.Changes(0, 0, 0), scheduler.setTargets("vllm", List.of(b)));
  }
}
