package io.fleetpulse.collector.publish;

/**
 * One record on its way to Kafka, already encoded: encoding happens on the thread that made the
 * record, so the single delivery thread only moves bytes, and the buffer can hold records of any
 * topic side by side.
 */
public record OutgoingRecord(String topic, String key, byte[] value) {

  public OutgoingRecord {
    if (topic == null || key == null || value == null) {
      throw new IllegalArgumentException("an outgoing record needs a topic, a key and a value");
    }
  }
}
