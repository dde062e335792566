package io.fleetpulse.collector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaScrapePublisherTest {

  private final AvroSerde<Scrape> serde = new AvroSerde<>(Scrape.class);

  private MockProducer<String, Scrape> producer(boolean autoComplete) {
    return new MockProducer<>(autoComplete, null, new StringSerializer(), serde.serializer());
  }

  private static Scrape scrape() {
    MetricFamily tokens = new MetricFamily("vllm:generation_tokens_total", MetricType.COUNTER, "Tokens.",
        List.of(new Sample("vllm:generation_tokens_total", Map.of("engine", "0"), 294700.0, null)), List.of());
    MetricFamily latency = new MetricFamily("vllm:e2e_request_latency_seconds", MetricType.HISTOGRAM, null, List.of(),
        List.of(new Histogram(Map.of(), List.of(0.1, 1.0), List.of(2.0, 5.0, 6.0), 4.5, 6.0)));
    return new Scrape("us-east", "10.0.0.1:8000", "vllm", "vllm", Instant.ofEpochMilli(1_700_000_000_123L), 0.012,
        true, null, Map.of("cluster", "us-east", "job", "vllm", "instance", "10.0.0.1:8000"), List.of(tokens, latency));
  }

  @Test
  void sendsToTheScrapesTopicKeyedClusterSlashInstance() {
    MockProducer<String, Scrape> producer = producer(true);
    KafkaScrapePublisher publisher = new KafkaScrapePublisher(producer, new Topics("test"));

    publisher.publish(scrape());

    ProducerRecord<String, Scrape> record = producer.history().get(0);
    assertEquals("test.scrapes.v1", record.topic());
    assertEquals("us-east/10.0.0.1:8000", record.key());
    assertEquals(scrape(), serde.decode(serde.serializer().serialize(record.topic(), record.value())));
    assertEquals(0, publisher.sendErrors());
  }

  @Test
  void failedSendsAreCountedNotThrown() {
    MockProducer<String, Scrape> producer = producer(false);
    KafkaScrapePublisher publisher = new KafkaScrapePublisher(producer, Topics.withDefaultPrefix());

    publisher.publish(scrape());
    producer.errorNext(new KafkaException("broker gone"));
    producer.sendException = new KafkaException("buffer exhausted");
    publisher.publish(scrape());

    assertEquals(2, publisher.sendErrors());
  }

  @Test
  void closeClosesTheProducer() {
    MockProducer<String, Scrape> producer = producer(true);
    new KafkaScrapePublisher(producer, Topics.withDefaultPrefix()).close();

    assertTrue(producer.closed());
  }

  @Test
  void producerIsIdempotentAcksAllAndCompressed() {
    Properties properties = KafkaScrapePublisher.producerProperties("broker:9092");

    assertEquals("broker:9092", properties.get("bootstrap.servers"));
    assertEquals("true", properties.get("enable.idempotence"));
    assertEquals("all", properties.get("acks"));
    assertEquals("lz4", properties.get("compression.type"));
    assertEquals("5", properties.get("linger.ms"));
    assertThrows(IllegalArgumentException.class, () -> KafkaScrapePublisher.producerProperties(" "));
  }
}
