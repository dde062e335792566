package io.fleetpulse.streams.aggregate;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts slices dropped because their window had already closed; shared by every aggregator task of one app
 * instance (they run on several stream threads), and counted since this instance started.
 */
public final class LateSliceCounter {

  private final AtomicLong dropped = new AtomicLong();

  void increment() {
    dropped.incrementAndGet();
  }

  public long count() {
    return dropped.get();
  }
}
