package io.fleetpulse.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record in Avro's single-object encoding: each value carries its
 * writer schema's fingerprint, so a reader with a newer compatible schema can still decode it once
 * the old schema is registered with {@link #withOlderSchema(Schema)}.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  static {
    AvroTrust.install();
  }

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  public AvroSerde(Class<T> type) {
    this.type = type;
    SpecificData data = SpecificData.getForClass(type);
    Schema schema = data.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(data, schema);
    this.decoder = new BinaryMessageDecoder<>(data, schema);
  }

  /** Lets this serde read values written with an older (compatible) version of the schema. */
  public AvroSerde<T> withOlderSchema(Schema writerSchema) {
    decoder.addSchema(writerSchema);
    return this;
  }

  public byte[] encode(T value) {
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new SerializationException(
          "cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes one value; a value that is not a valid single-object encoding of a known schema throws.
   */
  public T decode(byte[] bytes) {
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot decode "
              + type.getSimpleName()
              + " ("
              + bytes.length
              + " bytes): "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }
}
