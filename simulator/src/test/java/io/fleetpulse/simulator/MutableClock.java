package io.fleetpulse.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves by hand, so scrapes and ground-truth queries happen at known instants. */
final class MutableClock extends Clock {

  private final AtomicLong epochMillis;

  MutableClock(long startEpochMillis) {
    this.epochMillis = new AtomicLong(startEpochMillis);
  }

  long advance(Duration by) {
    return epochMillis.addAndGet(by.toMillis());
  }

  @Override
  public long millis() {
    return epochMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the test clock is UTC only");
  }
}
