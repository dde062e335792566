package io.fleetpulse.collector.publish;

import java.time.Duration;

/**
 * How the collector delivers records to Kafka ({@code collector.delivery}). A null component means the default.
 *
 * @param bufferRecords records held while Kafka is slow or unreachable (scrapes and request events together);
 *     when full, the oldest are dropped and counted
 * @param flushTimeout how long shutdown waits for the buffer to reach Kafka before it gives up and reports what
 *     was not delivered
 */
public record DeliveryConfig(Integer bufferRecords, Duration flushTimeout) {

  public static final int DEFAULT_BUFFER_RECORDS = 100_000;
  public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(10);
  /** One record may be in Kafka's hands while the next waits in the buffer; fewer could not move at all. */
  static final int MIN_BUFFER_RECORDS = 2;

  public DeliveryConfig {
    bufferRecords = bufferRecords == null ? DEFAULT_BUFFER_RECORDS : bufferRecords;
    if (bufferRecords < MIN_BUFFER_RECORDS) {
      throw new IllegalArgumentException(
          "collector delivery.buffer_records must be at least " + MIN_BUFFER_RECORDS + ", got " + bufferRecords);
    }
    flushTimeout = flushTimeout == null ? DEFAULT_FLUSH_TIMEOUT : flushTimeout;
    if (flushTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "collector delivery.flush_timeout must not be negative, got " + flushTimeout);
    }
  }

  public static DeliveryConfig defaults() {
    return new DeliveryConfig(null, null);
  }
}
