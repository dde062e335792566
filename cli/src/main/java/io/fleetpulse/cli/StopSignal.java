package io.fleetpulse.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for Ctrl-C (or a time limit) and holds the JVM's shutdown until the caller has closed
 * everything, so a stopped process still flushes its last scrapes and commits its last windows.
 */
final class StopSignal implements AutoCloseable {

  private static final Duration CLOSE_LIMIT = Duration.ofSeconds(30);

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  StopSignal() {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopRequested.countDown();
                  try {
                    closed.await(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "fleetpulse-shutdown"));
  }

  /** Waits up to {@code limit}; returns true when a stop was requested first. */
  boolean await(Duration limit) throws InterruptedException {
    return stopRequested.await(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  void awaitForever() throws InterruptedException {
    stopRequested.await();
  }

  /** Marks everything closed, releasing the shutdown hook. */
  @Override
  public void close() {
    closed.countDown();
  }
}
