package io.fleetpulse.streams.ingest;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.Scrape;
import java.nio.charset.StandardCharsets;
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
 * Decodes the scrapes topic's values. A value that does not decode is passed on as undecodable, with the
 * reason and its origin in headers, for the dead-letter topic. Decoding inside the topology rather than in
 * Kafka's deserialization handler keeps the dead letter in the same transaction as the input offset.
 */
public final class ScrapeDecoder implements Processor<String, byte[], String, DecodedScrape> {

  /** The header names of Kafka Streams' own dead-letter records (KIP-1034), so both kinds read alike. */
  public static final String HEADER_EXCEPTION = "__streams.errors.exception";
  public static final String HEADER_MESSAGE = "__streams.errors.message";
  public static final String HEADER_TOPIC = "__streams.errors.topic";
  public static final String HEADER_PARTITION = "__streams.errors.partition";
  public static final String HEADER_OFFSET = "__streams.errors.offset";

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeDecoder.class);

  private final AvroSerde<Scrape> serde = new AvroSerde<>(Scrape.class);
  private ProcessorContext<String, DecodedScrape> context;

  @Override
  public void init(ProcessorContext<String, DecodedScrape> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.value() == null) {
      LOG.warn("ignoring a scrape record without a value (key {})", record.key());
      return;
    }
    try {
      context.forward(record.withValue(DecodedScrape.decoded(serde.decode(record.value()))));
    } catch (SerializationException e) {
      String origin = context.recordMetadata().map(ScrapeDecoder::origin).orElse("unknown origin");
      LOG.warn("dead-lettering undecodable scrape at {} (key {}): {}", origin, record.key(), e.getMessage());
      context.forward(record
          .withValue(DecodedScrape.undecodable(record.value(), e.getMessage()))
          .withHeaders(describe(record.headers(), e)));
    }
  }

  private Headers describe(Headers original, SerializationException e) {
    Headers headers = new RecordHeaders(original.toArray());
    headers.add(HEADER_EXCEPTION, utf8(e.toString()));
    headers.add(HEADER_MESSAGE, utf8(e.getMessage()));
    context.recordMetadata().ifPresent(metadata -> {
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
