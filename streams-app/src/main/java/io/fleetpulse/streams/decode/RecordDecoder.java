package io.fleetpulse.streams.decode;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one input topic's values and checks them. A value that does not decode, or decodes into
 * something unusable, is passed on as refused, with the reason and its origin in headers, for the
 * dead-letter topic. Decoding inside the topology rather than in Kafka's deserialization handler
 * keeps the dead letter in the same transaction as the input offset.
 */
public final class RecordDecoder<T extends SpecificRecord>
    implements Processor<String, byte[], String, Decoded<T>> {

  /**
   * The header names of Kafka Streams' own dead-letter records (KIP-1034), so both kinds read
   * alike.
   */
  public static final String HEADER_EXCEPTION = "__streams.errors.exception";

  public static final String HEADER_MESSAGE = "__streams.errors.message";
  public static final String HEADER_TOPIC = "__streams.errors.topic";
  public static final String HEADER_PARTITION = "__streams.errors.partition";
  public static final String HEADER_OFFSET = "__streams.errors.offset";

  private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

  private final String input;
  private final AvroSerde<T> serde;
  private final RecordChecks<T> checks;
  private final StreamsAppMetrics metrics;
  private ProcessorContext<String, Decoded<T>> context;

  /**
   * @param input names the input in metrics, e.g. {@code scrapes}
   * @param type the record type the input carries
   * @param checks what is wrong with a decoded value, or null when nothing is
   */
  public RecordDecoder(
      String input, Class<T> type, RecordChecks<T> checks, StreamsAppMetrics metrics) {
    this.input = input;
    this.serde = new AvroSerde<>(type);
    this.checks = checks;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Decoded<T>> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    metrics.recordIn(input);
    if (record.value() == null) {
      LOG.warn("ignoring a {} record without a value (key {})", input, record.key());
      return;
    }
    T value;
    try {
      value = serde.decode(record.value());
    } catch (SerializationException e) {
      refuse(record, e.toString(), e.getMessage());
      return;
    }
    String problem = checks.problem(value, context.currentSystemTimeMs());
    if (problem != null) {
      refuse(record, "invalid " + value.getClass().getSimpleName(), problem);
      return;
    }
    context.forward(record.withValue(Decoded.of(value)));
  }

  private void refuse(Record<String, byte[]> record, String exception, String message) {
    String origin = context.recordMetadata().map(RecordDecoder::origin).orElse("unknown origin");
    LOG.warn("dead-lettering {} record at {} (key {}): {}", input, origin, record.key(), message);
    metrics.decodeFailure(input);
    context.forward(
        record
            .withValue(Decoded.<T>refused(record.value(), message))
            .withHeaders(describe(record.headers(), exception, message)));
  }

  private Headers describe(Headers original, String exception, String message) {
    Headers headers = new RecordHeaders(original.toArray());
    headers.add(HEADER_EXCEPTION, utf8(exception));
    headers.add(HEADER_MESSAGE, utf8(message));
    context
        .recordMetadata()
        .ifPresent(
            metadata -> {
              headers.add(HEADER_TOPIC, utf8(metadata.topic()));
              headers.add(HEADER_PARTITION, utf8(Integer.toString(metadata.partition())));
              headers.add(HEADER_OFFSET, utf8(Long.toString(metadata.offset())));
            });
    return headers;
  }

  private static String origin(RecordMetadata metadata) {
    return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
