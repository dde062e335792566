package io.fleetpulse.collector.publish;

import io.fleetpulse.collector.config.ByteSize;
import java.time.Duration;

/**
 * How the collector delivers records to Kafka ({@code collector.delivery}). A null component means
 * the default.
 *
 * @param bufferRecords records held while Kafka is slow or unreachable (scrapes and request events
 *     together); when full, the oldest are dropped and counted
 * @param flushTimeout how long shutdown waits for the buffer to reach Kafka before it gives up and
 *     reports what was not delivered
 * @param maxRecordSize largest encoded record taken, e.g. "1000KB": a bigger one is refused before
 *     it is accepted (a scrape is then down with reason limit), instead of being refused by Kafka
 *     later. The default fits the broker's default message.max.bytes (1MB) even where compression
 *     cannot shrink the record
 */
public record DeliveryConfig(Integer bufferRecords, Duration flushTimeout, String maxRecordSize) {

  public static final int DEFAULT_BUFFER_RECORDS = 100_000;
  public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(10);
  public static final String DEFAULT_MAX_RECORD_SIZE = "1000KB";

  /**
   * One record may be in Kafka's hands while the next waits in the buffer; fewer could not move at
   * all.
   */
  static final int MIN_BUFFER_RECORDS = 2;

  /** Room for the largest request event (its texts are bounded) with plenty to spare. */
  static final long MIN_RECORD_BYTES = 64 * 1024;

  /**
   * The producer's request size must not be the same as the record limit: batch and record headers
   * count too.
   */
  private static final long MAX_RECORD_BYTES = 256L << 20;

  public DeliveryConfig {
    bufferRecords = bufferRecords == null ? DEFAULT_BUFFER_RECORDS : bufferRecords;
    if (bufferRecords < MIN_BUFFER_RECORDS) {
      throw new IllegalArgumentException(
          "collector.delivery.buffer_records must be at least "
              + MIN_BUFFER_RECORDS
              + ", got "
              + bufferRecords);
    }
    flushTimeout = flushTimeout == null ? DEFAULT_FLUSH_TIMEOUT : flushTimeout;
    if (flushTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "collector.delivery.flush_timeout must not be negative, got " + flushTimeout);
    }
    maxRecordSize = maxRecordSize == null ? DEFAULT_MAX_RECORD_SIZE : maxRecordSize;
    long bytes = ByteSize.parse(maxRecordSize, "collector.delivery.max_record_size");
    if (bytes < MIN_RECORD_BYTES || bytes > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException(
          "collector.delivery.max_record_size must be from 64KB to 256MB, got " + maxRecordSize);
    }
  }

  public DeliveryConfig(Integer bufferRecords, Duration flushTimeout) {
    this(bufferRecords, flushTimeout, null);
  }

  public static DeliveryConfig defaults() {
    return new DeliveryConfig(null, null, null);
  }

  /** The largest record, key and value together, in bytes. */
  public int maxRecordBytes() {
    return (int) ByteSize.parse(maxRecordSize, "collector.delivery.max_record_size");
  }
}
