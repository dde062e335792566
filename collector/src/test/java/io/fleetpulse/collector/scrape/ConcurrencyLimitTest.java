package io.fleetpulse.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

  private final List<CompletableFuture<Void>> started = new ArrayList<>();

  private CompletableFuture<?> startTask() {
    CompletableFuture<Void> task = new CompletableFuture<>();
    started.add(task);
    return task;
  }

  @Test
  void startsAtMostMaxAndHandsSlotsOnInOrder() {
    ConcurrencyLimit limit = new ConcurrencyLimit(2);
    for (int i = 0; i < 5; i++) {
      limit.submit(this::startTask);
    }
    assertEquals(2, started.size());

    started.get(0).complete(null);
    assertEquals(3, started.size());
    started.get(1).completeExceptionally(new IllegalStateException("failed task"));
    started.get(2).complete(null);
    assertEquals(5, started.size());
  }

  @Test
  void aTaskThatThrowsReleasesItsSlot() {
    ConcurrencyLimit limit = new ConcurrencyLimit(1);
    limit.submit(
        () -> {
          throw new IllegalStateException("cannot start");
        });
    limit.submit(this::startTask);

    assertEquals(1, started.size());
  }

  @Test
  void closeDropsWaitingTasksAndWaitsForRunningOnes() throws Exception {
    ConcurrencyLimit limit = new ConcurrencyLimit(1);
    limit.submit(this::startTask);
    limit.submit(this::startTask);

    assertFalse(limit.closeAndAwait(Duration.ofMillis(20)));
    started.get(0).complete(null);
    assertTrue(limit.closeAndAwait(Duration.ofMillis(20)));
    limit.submit(this::startTask);
    assertEquals(1, started.size());
  }
}
