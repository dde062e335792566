package io.fleetpulse.sink.consume;

import io.fleetpulse.schemas.AvroSerde;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the records of one topic and hands each to where it is kept. A record that cannot be
 * decoded, or that the keeper refuses as invalid (an {@link IllegalArgumentException}), is logged,
 * counted and skipped: one bad record must not stop the sink.
 */
public final class TopicDecoder<T extends SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(TopicDecoder.class);

  private final AvroSerde<T> serde;
  private final Consumer<T> keeper;
  private final ConsumerStats.TopicStats stats;

  public TopicDecoder(Class<T> type, Consumer<T> keeper, ConsumerStats.TopicStats stats) {
    this.serde = new AvroSerde<>(type);
    this.keeper = keeper;
    this.stats = stats;
  }

  public void accept(ConsumerRecord<byte[], byte[]> record) {
    stats.recordConsumed(record.timestamp());
    try {
      keeper.accept(decode(record.value()));
    } catch (SerializationException | IllegalArgumentException e) {
      stats.decodeFailed();
      LOG.warn(
          "skipping record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  private T decode(byte[] value) {
    if (value == null) {
      throw new SerializationException("record has no value (a tombstone)");
    }
    return serde.decode(value);
  }
}
