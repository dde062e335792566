package io.fleetpulse.collector.publish;

import io.fleetpulse.schemas.AvroSerde;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes one kind of Avro record for one topic and hands it to the shared delivery. Thread-safe.
 */
final class AvroRecordSender<T extends SpecificRecord> {

  private final KafkaDelivery delivery;
  private final String topic;
  private final AvroSerde<T> serde;

  AvroRecordSender(KafkaDelivery delivery, String topic, Class<T> type) {
    this.delivery = delivery;
    this.topic = topic;
    this.serde = new AvroSerde<>(type);
    delivery.startTopic(topic);
  }

  /**
   * Encodes and queues the record; one over the record size limit is refused here, before it is
   * accepted.
   */
  void send(String key, T value, long timestampMs) throws RecordTooLargeException {
    byte[] bytes;
    try {
      bytes = serde.encode(value);
    } catch (RuntimeException e) {
      // Avro reports a bad record (a null in a required field, a wrong type) with assorted runtime
      // exceptions.
      delivery.unencodable(topic, key, e);
      return;
    }
    long size = (long) bytes.length + key.getBytes(StandardCharsets.UTF_8).length;
    if (size > delivery.maxRecordBytes()) {
      throw new RecordTooLargeException(topic, size, delivery.maxRecordBytes());
    }
    delivery.submit(new OutgoingRecord(topic, key, bytes, timestampMs));
  }
}
