package io.fleetpulse.collector.scrape;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks at most {@code max} at a time; the rest wait in arrival order. It holds
 * no thread while tasks run: a finishing task hands its slot to the next waiting one.
 */
final class ConcurrencyLimit {

  private final int max;
  private final Deque<Supplier<CompletableFuture<?>>> waiting = new ArrayDeque<>();
  private int running;
  private boolean closed;

  ConcurrencyLimit(int max) {
    this.max = max;
  }

  /** Starts the task now if a slot is free, else queues it. Ignored once closed. */
  void submit(Supplier<CompletableFuture<?>> task) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (running >= max) {
        waiting.add(task);
        return;
      }
      running++;
    }
    launch(task);
  }

  /**
   * Drops the waiting tasks and waits for the running ones to finish.
   *
   * @return whether they all finished within {@code patience}
   */
  synchronized boolean closeAndAwait(Duration patience) throws InterruptedException {
    closed = true;
    waiting.clear();
    long deadline = System.nanoTime() + patience.toNanos();
    while (running > 0) {
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        return false;
      }
      wait(leftMillis);
    }
    return true;
  }

  private void launch(Supplier<CompletableFuture<?>> task) {
    CompletableFuture<?> future;
    try {
      future = task.get();
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    future.whenComplete((result, error) -> finished());
  }

  private void finished() {
    Supplier<CompletableFuture<?>> next;
    synchronized (this) {
      next = closed ? null : waiting.poll();
      if (next == null) {
        running--;
        notifyAll();
        return;
      }
    }
    launch(next);
  }
}
