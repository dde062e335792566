package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.AvroSerde;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.kstream.ValueMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the streams app's own output topics for the detectors. A record that does not decode is
 * skipped with a logged reason: it came from this app, so the cause is a bug or a foreign writer,
 * and one bad record must not stop the detectors.
 */
final class LenientDecoder<T extends SpecificRecord> implements ValueMapper<byte[], Iterable<T>> {

  private static final Logger LOG = LoggerFactory.getLogger(LenientDecoder.class);

  private final String topic;
  private final AvroSerde<T> serde;

  LenientDecoder(String topic, Class<T> type) {
    this.topic = topic;
    this.serde = new AvroSerde<>(type);
  }

  @Override
  public Iterable<T> apply(byte[] bytes) {
    if (bytes == null) {
      return List.of();
    }
    try {
      return List.of(serde.decode(bytes));
    } catch (SerializationException e) {
      LOG.warn("signals: skipped a record on {} that does not decode: {}", topic, e.getMessage());
      return List.of();
    }
  }
}
