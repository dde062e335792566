package io.fleetpulse.sink.consume;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** What the sink has read from fleet-stats so far; written by the consumer, read by scrapes. */
public final class ConsumerStats {

  private static final long NONE = Long.MIN_VALUE;

  private final AtomicLong recordsConsumed = new AtomicLong();
  private final AtomicLong decodeFailures = new AtomicLong();
  private final AtomicLong newestRecordMillis = new AtomicLong(NONE);

  /** Counts one record read from the topic, whatever its content, with its Kafka timestamp. */
  public void recordConsumed(long timestampMillis) {
    recordsConsumed.incrementAndGet();
    if (timestampMillis >= 0) {
      newestRecordMillis.accumulateAndGet(timestampMillis, Math::max);
    }
  }

  public void decodeFailed() {
    decodeFailures.incrementAndGet();
  }

  public long recordsConsumed() {
    return recordsConsumed.get();
  }

  public long decodeFailures() {
    return decodeFailures.get();
  }

  /** The Kafka timestamp of the newest record read, empty before the first. */
  public Optional<Instant> newestRecord() {
    long millis = newestRecordMillis.get();
    return millis == NONE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }
}
