package io.fleetpulse.cli.scenario;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.EventTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces a scenario's records to the scrapes and requests topics, Avro single-object encoded,
 * each stamped with its simulated time. Idempotent with {@code acks=all}, like the collector; the
 * first failed send fails the run.
 */
public final class KafkaScenarioOutput implements ScenarioOutput, AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final Topics topics;
  private final AvroSerde<Scrape> scrapes = new AvroSerde<>(Scrape.class);
  private final AvroSerde<RequestEvent> requests = new AvroSerde<>(RequestEvent.class);
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Callback onSent =
      (metadata, error) -> {
        if (error != null) {
          failure.compareAndSet(null, error);
        }
      };

  public KafkaScenarioOutput(KafkaConnection kafka, Topics topics) {
    this.topics = topics;
    this.producer =
        new KafkaProducer<>(
            producerProperties(kafka), new StringSerializer(), new ByteArraySerializer());
  }

  static Map<String, Object> producerProperties(KafkaConnection kafka) {
    Map<String, Object> properties = kafka.clientProperties();
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // One request in flight: a run writes into topics created a moment before, whose first
    // batches may be told the broker is not yet the leader, and with several in flight the
    // retried first batch was refused as out of sequence for good.
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    // Pages of one engine repeat most of their text, so batches compress several-fold.
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    return properties;
  }

  @Override
  public void scrape(String key, Scrape scrape) {
    send(topics.scrapes(), key, EventTime.of(scrape), scrapes.encode(scrape));
  }

  @Override
  public void request(String key, RequestEvent event) {
    send(topics.requests(), key, EventTime.of(event), requests.encode(event));
  }

  private void send(String topic, String key, long timestampMs, byte[] value) {
    throwIfFailed();
    producer.send(new ProducerRecord<>(topic, null, timestampMs, key, value), onSent);
  }

  @Override
  public void flush() {
    producer.flush();
    throwIfFailed();
  }

  private void throwIfFailed() {
    Exception error = failure.get();
    if (error != null) {
      throw new IllegalStateException(
          "producing the scenario to Kafka failed: " + error.getMessage(), error);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
