package io.fleetpulse.collector.publish;

import io.fleetpulse.schemas.AvroSerde;
import org.apache.avro.specific.SpecificRecord;

/** Encodes one kind of Avro record for one topic and hands it to the shared delivery. Thread-safe. */
final class AvroRecordSender<T extends SpecificRecord> {

  private final KafkaDelivery delivery;
  private final String topic;
  private final AvroSerde<T> serde;

  AvroRecordSender(KafkaDelivery delivery, String topic, Class<T> type) {
    this.delivery = delivery;
    this.topic = topic;
    this.serde = new AvroSerde<>(type);
  }

  void send(String key, T value) {
    byte[] bytes;
    try {
      bytes = serde.encode(value);
    } catch (RuntimeException e) {
      // Avro reports a bad record (a null in a required field, a wrong type) with assorted runtime exceptions.
      delivery.unencodable(topic, key, e);
      return;
    }
    delivery.submit(new OutgoingRecord(topic, key, bytes));
  }
}
