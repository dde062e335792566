package io.fleetpulse.collector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.schemas.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaDeliveryTest {

  private static final String SCRAPES = "t.scrapes.v1";
  private static final String REQUESTS = "t.requests.v1";

  private final CollectorMetrics metrics = new CollectorMetrics();
  private KafkaDelivery delivery;

  @AfterEach
  void closeDelivery() {
    if (delivery != null) {
      delivery.close();
    }
  }

  private static MockProducer<String, byte[]> producer(boolean autoComplete) {
    return new MockProducer<>(
        autoComplete, null, new StringSerializer(), new ByteArraySerializer());
  }

  private static OutgoingRecord record(String topic, int number) {
    byte[] value = Integer.toString(number).getBytes(StandardCharsets.UTF_8);
    return new OutgoingRecord(topic, "us-east/node-" + (number % 3), value, 1_000L * number);
  }

  private static List<Integer> numbers(List<ProducerRecord<String, byte[]>> sent) {
    return sent.stream()
        .map(r -> Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8)))
        .toList();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void deliversRecordsOfEveryTopicInOrderAndCountsThem() throws Exception {
    MockProducer<String, byte[]> producer = producer(true);
    delivery = KafkaDelivery.start(producer, DeliveryConfig.defaults(), metrics);

    for (int i = 0; i < 50; i++) {
      delivery.submit(record(i % 2 == 0 ? SCRAPES : REQUESTS, i));
    }
    await(() -> delivery.pending() == 0, "everything is acknowledged");

    assertEquals(IntStream.range(0, 50).boxed().toList(), numbers(producer.history()));
    assertEquals(25, metrics.recordsProduced.labelValues(SCRAPES).get());
    assertEquals(25, metrics.recordsProduced.labelValues(REQUESTS).get());
    assertEquals(0, metrics.bufferedRecords.get());
    assertEquals(100_000, metrics.bufferCapacity.get());
  }

  @Test
  void eachRecordIsStampedWithItsOwnEventTimeNotTheTimeItIsSent() throws Exception {
    MockProducer<String, byte[]> producer = producer(true);
    delivery = KafkaDelivery.start(producer, DeliveryConfig.defaults(), metrics);

    for (int i = 1; i <= 3; i++) {
      delivery.submit(record(SCRAPES, i));
    }
    await(() -> delivery.pending() == 0, "everything is acknowledged");

    assertEquals(
        List.of(1_000L, 2_000L, 3_000L),
        producer.history().stream().map(ProducerRecord::timestamp).toList());
  }

  @Test
  void aFullBufferDropsTheOldestRecordsAndCountsThem() throws Exception {
    MockProducer<String, byte[]> producer = producer(false);
    // 20 records: 2 may be in Kafka's hands unacknowledged, 18 wait in the buffer.
    delivery = KafkaDelivery.start(producer, new DeliveryConfig(20, null), metrics);
    delivery.submit(record(SCRAPES, 0));
    delivery.submit(record(SCRAPES, 1));
    await(() -> producer.history().size() == 2, "the first two records are in flight");

    for (int i = 2; i < 30; i++) {
      delivery.submit(record(i < 20 ? SCRAPES : REQUESTS, i));
    }

    assertEquals(20, delivery.pending());
    assertEquals(20, metrics.bufferedRecords.get());
    assertEquals(10, delivery.dropped());
    assertEquals(10, metrics.bufferDropped.labelValues(SCRAPES).get());
    while (producer.history().size() < 20 || delivery.pending() > 0) {
      producer.completeNext();
      Thread.sleep(1);
    }
    List<Integer> expected =
        IntStream.concat(IntStream.of(0, 1), IntStream.range(12, 30)).boxed().toList();
    assertEquals(expected, numbers(producer.history()));
    assertEquals(10, metrics.recordsProduced.labelValues(SCRAPES).get());
    assertEquals(10, metrics.recordsProduced.labelValues(REQUESTS).get());
    assertEquals(0, metrics.bufferedRecords.get());
  }

  @Test
  void aRecordKafkaCannotTakeYetGoesBackAheadOfTheRestAndIsDeliveredLater() throws Exception {
    AtomicInteger refusals = new AtomicInteger(1);
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<String, byte[]> record, Callback callback) {
            if (refusals.getAndDecrement() > 0) {
              // What KafkaProducer does when metadata does not arrive within max.block.ms: the
              // callback, then a failure.
              TimeoutException error =
                  new TimeoutException("Topic not present in metadata after 5000 ms.");
              callback.onCompletion(null, error);
              return CompletableFuture.failedFuture(error);
            }
            return super.send(record, callback);
          }
        };
    delivery = KafkaDelivery.start(producer, DeliveryConfig.defaults(), metrics);

    for (int i = 0; i < 5; i++) {
      delivery.submit(record(SCRAPES, i));
    }
    await(() -> delivery.pending() == 0, "everything is acknowledged");

    assertEquals(List.of(0, 1, 2, 3, 4), numbers(producer.history()));
    assertEquals(0, delivery.failed());
    assertEquals(0, delivery.dropped());
  }

  @Test
  void aRecordKafkaRefusesForGoodIsCountedAsAProduceError() throws Exception {
    MockProducer<String, byte[]> producer = producer(false);
    delivery = KafkaDelivery.start(producer, DeliveryConfig.defaults(), metrics);
    delivery.submit(record(REQUESTS, 0));
    delivery.submit(record(REQUESTS, 1));
    await(() -> producer.history().size() == 2, "both records are in flight");

    producer.errorNext(new RecordTooLargeException("too large"));
    producer.completeNext();

    assertEquals(1, delivery.failed());
    assertEquals(1, metrics.produceErrors.labelValues(REQUESTS).get());
    assertEquals(1, metrics.recordsProduced.labelValues(REQUESTS).get());
    assertEquals(0, delivery.pending());
  }

  @Test
  void closeWaitsForPendingRecordsToBeAcknowledged() throws Exception {
    MockProducer<String, byte[]> producer = producer(false);
    delivery = KafkaDelivery.start(producer, DeliveryConfig.defaults(), metrics);
    for (int i = 0; i < 3; i++) {
      delivery.submit(record(SCRAPES, i));
    }
    await(() -> producer.history().size() == 3, "all records are in flight");

    Thread closing = new Thread(delivery::close);
    closing.start();
    Thread.sleep(50);
    assertTrue(closing.isAlive(), "close must wait for unacknowledged records");
    while (producer.completeNext()) {
      Thread.sleep(1);
    }
    closing.join(5_000);

    assertTrue(producer.closed());
    assertEquals(3, metrics.recordsProduced.labelValues(SCRAPES).get());
    assertEquals(0, delivery.dropped());
  }

  @Test
  void closeGivesUpAfterTheFlushTimeoutAndCountsWhatWasLeft() throws Exception {
    MockProducer<String, byte[]> producer = producer(false);
    delivery =
        KafkaDelivery.start(producer, new DeliveryConfig(20, Duration.ofMillis(200)), metrics);
    for (int i = 0; i < 7; i++) {
      delivery.submit(record(SCRAPES, i));
    }
    await(() -> producer.history().size() == 2, "the window is full");

    long started = System.nanoTime();
    delivery.close();

    assertTrue(System.nanoTime() - started >= Duration.ofMillis(200).toNanos());
    assertTrue(producer.closed());
    assertEquals(5, delivery.dropped(), "the five records still buffered");
    assertEquals(5, metrics.bufferDropped.labelValues(SCRAPES).get());
  }

  @Test
  void recordsSubmittedAfterCloseAreDroppedAndCounted() {
    delivery = KafkaDelivery.start(producer(true), DeliveryConfig.defaults(), metrics);
    delivery.close();

    delivery.submit(record(REQUESTS, 1));

    assertEquals(1, delivery.dropped());
    assertEquals(1, metrics.bufferDropped.labelValues(REQUESTS).get());
  }

  @Test
  void producerIsIdempotentAcksAllCompressedAndNeverExpiresRecords() {
    Properties properties =
        KafkaDelivery.producerProperties(
            KafkaConnection.plaintext("broker:9092"), DeliveryConfig.defaults());

    assertEquals("broker:9092", properties.get("bootstrap.servers"));
    assertEquals("true", properties.get("enable.idempotence"));
    assertEquals("all", properties.get("acks"));
    assertEquals("lz4", properties.get("compression.type"));
    assertEquals(Integer.toString(Integer.MAX_VALUE), properties.get("delivery.timeout.ms"));
  }

  @Test
  void producerCarriesTheConnectionsSecuritySettings() {
    KafkaConnection kafka =
        new KafkaConnection(
            "broker:9093",
            Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "login s3cret-pw"));

    Properties properties = KafkaDelivery.producerProperties(kafka, DeliveryConfig.defaults());

    assertEquals("broker:9093", properties.get("bootstrap.servers"));
    assertEquals("SASL_SSL", properties.get("security.protocol"));
    assertEquals("login s3cret-pw", properties.get("sasl.jaas.config"));
    assertEquals("all", properties.get("acks"));
  }

  @Test
  void configRejectsABufferTooSmallToMove() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new DeliveryConfig(1, null));
    assertEquals("collector.delivery.buffer_records must be at least 2, got 1", error.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new DeliveryConfig(null, Duration.ofSeconds(-1)));
  }
}
