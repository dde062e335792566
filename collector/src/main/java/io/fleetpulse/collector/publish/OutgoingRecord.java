package io.fleetpulse.collector.publish;

/**
 * One record on its way to Kafka, already encoded: encoding happens on the thread that made the
 * record, so the single delivery thread only moves bytes, and the buffer can hold records of any
 * topic side by side.
 *
 * @param timestampMs the record's Kafka timestamp, its event time ({@code EventTime}), never the
 *     time it is sent: a record held through an outage keeps its place in stream time
 */
public record OutgoingRecord(String topic, String key, byte[] value, long timestampMs) {

  public OutgoingRecord {
    if (topic == null || key == null || value == null) {
      throw new IllegalArgumentException("an outgoing record needs a topic, a key and a value");
    }
  }
}
