package io.fleetpulse.cli.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;

/**
 * Waits, polling, for a condition to hold, and fails the test naming what did not happen in time.
 */
public final class Await {

  /** A condition that may need a broker round trip to tell. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  private Await() {}

  public static void until(String what, Duration limit, Condition condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        fail("waited " + limit.toSeconds() + " s for " + what);
      }
      Thread.sleep(100);
    }
  }
}
