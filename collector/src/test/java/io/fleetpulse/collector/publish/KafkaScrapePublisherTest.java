package io.fleetpulse.collector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both publishers on one shared delivery: topic, key and encoding of what they hand over. */
class KafkaScrapePublisherTest {

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final CollectorMetrics metrics = new CollectorMetrics();
  private final KafkaDelivery delivery =
      KafkaDelivery.start(producer, DeliveryConfig.defaults(), metrics);

  @AfterEach
  void close() {
    delivery.close();
  }

  private static Scrape scrape() {
    MetricFamily tokens =
        new MetricFamily(
            "vllm:generation_tokens_total",
            MetricType.COUNTER,
            "Tokens.",
            List.of(
                new Sample("vllm:generation_tokens_total", Map.of("engine", "0"), 294700.0, null)),
            List.of());
    MetricFamily latency =
        new MetricFamily(
            "vllm:e2e_request_latency_seconds",
            MetricType.HISTOGRAM,
            null,
            List.of(),
            List.of(new Histogram(Map.of(), List.of(0.1, 1.0), List.of(2.0, 5.0, 6.0), 4.5, 6.0)));
    return new Scrape(
        "us-east",
        "10.0.0.1:8000",
        "vllm",
        "vllm",
        Instant.ofEpochMilli(1_700_000_000_123L),
        0.012,
        true,
        null,
        Map.of("cluster", "us-east", "job", "vllm", "instance", "10.0.0.1:8000"),
        List.of(tokens, latency));
  }

  private static RequestEvent event() {
    return new RequestEvent(
        "req-1",
        "eu-west",
        "gpu-7",
        "llama",
        Instant.ofEpochMilli(1_700_000_000_000L),
        0.01,
        0.2,
        1.5,
        120,
        64,
        "stop");
  }

  private ProducerRecord<String, byte[]> onlyRecordSent() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    while (producer.history().isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(1, producer.history().size());
    return producer.history().get(0);
  }

  @Test
  void scrapesGoToTheScrapesTopicKeyedClusterSlashInstance() throws Exception {
    new KafkaScrapePublisher(delivery, new Topics("test")).publish(scrape());

    ProducerRecord<String, byte[]> record = onlyRecordSent();
    assertEquals("test.scrapes.v1", record.topic());
    assertEquals("us-east/10.0.0.1:8000", record.key());
    assertEquals(scrape(), new AvroSerde<>(Scrape.class).decode(record.value()));
  }

  @Test
  void requestEventsGoToTheRequestsTopicKeyedClusterSlashNode() throws Exception {
    new KafkaRequestEventPublisher(delivery, new Topics("test")).publish(event());

    ProducerRecord<String, byte[]> record = onlyRecordSent();
    assertEquals("test.requests.v1", record.topic());
    assertEquals("eu-west/gpu-7", record.key());
    assertEquals(event(), new AvroSerde<>(RequestEvent.class).decode(record.value()));
  }

  @Test
  void aRecordThatCannotBeEncodedIsCountedNotThrown() throws Exception {
    Scrape broken = scrape();
    broken.setJob(null);

    new KafkaScrapePublisher(delivery, new Topics("test")).publish(broken);

    assertEquals(1, delivery.failed());
    assertEquals(1, metrics.produceErrors.labelValues("test.scrapes.v1").get());
  }

  @Test
  void aScrapeOverTheRecordSizeLimitIsRefusedBeforeItIsQueued() {
    Scrape huge = scrape();
    List<Sample> samples = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      samples.add(
          new Sample(
              "vllm:generation_tokens_total", Map.of("engine", Integer.toString(i)), 1.0, null));
    }
    huge.setFamilies(
        List.of(
            new MetricFamily(
                "vllm:generation_tokens_total", MetricType.COUNTER, null, samples, List.of())));
    KafkaScrapePublisher publisher = new KafkaScrapePublisher(delivery, new Topics("test"));

    RecordTooLargeException refused =
        assertThrows(RecordTooLargeException.class, () -> publisher.publish(huge));

    assertTrue(
        refused.getMessage().contains("over the limit of 1024000 bytes"), refused.getMessage());
    assertEquals(0, delivery.pending());
    assertTrue(producer.history().isEmpty());
  }

  @Test
  void closingAPublisherLeavesASharedDeliveryRunning() throws Exception {
    new KafkaScrapePublisher(delivery, new Topics("test")).close();
    assertFalse(producer.closed());

    new KafkaRequestEventPublisher(delivery, new Topics("test")).publish(event());
    onlyRecordSent();
    delivery.close();
    assertTrue(producer.closed());
  }
}
