package io.fleetpulse.collector.publish;

/**
 * A record whose encoding is over {@code collector.delivery.max_record_size}: refused before
 * anything counts it as accepted, since Kafka would refuse it later, after the sender had been told
 * it was taken.
 */
public final class RecordTooLargeException extends Exception {

  public RecordTooLargeException(String topic, long bytes, long limit) {
    super(
        "its record for "
            + topic
            + " would be "
            + bytes
            + " bytes, over the limit of "
            + limit
            + " bytes (collector.delivery.max_record_size, below Kafka's max.request.size)");
  }
}
