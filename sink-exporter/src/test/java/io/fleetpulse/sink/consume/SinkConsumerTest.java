package io.fleetpulse.sink.consume;

import static io.fleetpulse.sink.TestWindows.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.sink.LatestWindows;
import io.fleetpulse.sink.ScriptedConsumer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class SinkConsumerTest {

  private static final String TOPIC = "fleetpulse.fleet-stats.v1";
  private static final String SIGNALS = "fleetpulse.signals.v1";
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
  private static final Duration LOOKBACK = Duration.ofMinutes(10);
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final AvroSerde<FleetWindow> SERDE = new AvroSerde<>(FleetWindow.class);

  private final ScriptedConsumer kafka = new ScriptedConsumer();
  private final MutableClock clock = MutableClock.of(T, ZoneOffset.UTC);
  private final LatestWindows latest = new LatestWindows(Duration.ofMinutes(5));
  private final ConsumerStats stats = new ConsumerStats(List.of(TOPIC, SIGNALS));
  private final SinkConsumer consumer =
      new SinkConsumer(
          kafka,
          Map.of(TOPIC, new TopicDecoder<>(FleetWindow.class, latest::offer, stats.topic(TOPIC))),
          LOOKBACK,
          clock);

  @Test
  void waitsForTheTopicThenAssignsEveryPartition() {
    assertFalse(consumer.assignPartitions());
    assertTrue(kafka.assignment().isEmpty());

    kafka.createTopic(TOPIC, 3, 0);

    assertTrue(consumer.assignPartitions());
    assertEquals(Set.of(P0, P1, new TopicPartition(TOPIC, 2)), kafka.assignment());
  }

  @Test
  void eachPartitionStartsAtTheLookbackOrAtItsEnd() {
    kafka.createTopic(TOPIC, 2, 7);
    kafka.startAt(P0, 3);

    consumer.assignPartitions();

    long from = T.minus(LOOKBACK).toEpochMilli();
    assertEquals(List.of(Map.of(P0, from, P1, from)), kafka.timeQueries());
    assertEquals(3, kafka.position(P0));
    assertEquals(7, kafka.position(P1));
  }

  @Test
  void recordsFromTheStartOnReachTheLatestWindows() {
    kafka.createTopic(TOPIC, 1, 3);
    kafka.startAt(P0, 1);
    consumer.assignPartitions();
    FleetWindow beforeLookback = cluster("us-east", "10s", T.minus(Duration.ofMinutes(11)));
    FleetWindow recent = cluster("eu-west", "10s", T.minusSeconds(20));
    kafka.addRecord(record(0, beforeLookback));
    kafka.addRecord(record(1, recent));
    kafka.addRecord(new ConsumerRecord<>(TOPIC, 0, 2, null, new byte[] {1, 2, 3}));

    consumer.pollOnce(Duration.ZERO);

    assertEquals(List.of(recent), List.copyOf(latest.current(T)));
    assertEquals(2, stats.topic(TOPIC).recordsConsumed());
    assertEquals(1, stats.topic(TOPIC).decodeFailures());
  }

  @Test
  void partitionsAddedLaterAreReadWithoutMovingTheOthers() {
    kafka.createTopic(TOPIC, 1, 0);
    consumer.assignPartitions();
    kafka.addRecord(record(0, cluster("us-east", "10s", T)));
    consumer.pollOnce(Duration.ZERO);
    assertEquals(1, kafka.position(P0));

    kafka.createTopic(TOPIC, 2, 0);
    kafka.startAt(P1, 0);
    consumer.assignPartitions();

    assertEquals(Set.of(P0, P1), kafka.assignment());
    assertEquals(1, kafka.position(P0));
    assertEquals(0, kafka.position(P1));
    assertEquals(Set.of(P1), kafka.timeQueries().get(1).keySet());
  }

  @Test
  void runEndsOnStopAndClosesTheConsumer() throws InterruptedException {
    Thread thread = new Thread(consumer, "test-sink-consumer");
    thread.start();

    consumer.stop();
    thread.join(Duration.ofSeconds(30).toMillis());

    assertFalse(thread.isAlive());
    assertTrue(kafka.closed());
  }

  @Test
  void isRestoredAtOnceWhenNoTopicExists() throws InterruptedException {
    assertFalse(consumer.assignPartitions());

    assertTrue(consumer.awaitRestored(Duration.ZERO));
  }

  @Test
  void isRestoredOnlyOnceEveryPartitionWasReadToWhereItEndedAtStart() throws InterruptedException {
    kafka.createTopic(TOPIC, 2, 2);
    kafka.startAt(P0, 0);
    kafka.startAt(P1, 1);
    consumer.assignPartitions();
    assertFalse(consumer.awaitRestored(Duration.ZERO));

    kafka.addRecord(record(0, cluster("us-east", "10s", T)));
    kafka.addRecord(record(1, cluster("us-east", "10s", T.plusSeconds(10))));
    consumer.pollOnce(Duration.ZERO);
    assertFalse(consumer.awaitRestored(Duration.ZERO), "partition 1 is still behind");

    kafka.addRecord(
        new ConsumerRecord<>(TOPIC, 1, 1, null, SERDE.encode(cluster("eu-west", "10s", T))));
    consumer.pollOnce(Duration.ZERO);

    assertTrue(consumer.awaitRestored(Duration.ZERO));
    assertEquals(2, latest.current(T.plusSeconds(10)).size());
  }

  @Test
  void kafkaSettingsReadCommittedWindowsWithoutAGroup() {
    Map<String, Object> props =
        SinkConsumer.kafkaProperties(KafkaConnection.plaintext("broker:9092"));

    assertEquals("broker:9092", props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    assertEquals("read_committed", props.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
    assertNull(props.get(ConsumerConfig.GROUP_ID_CONFIG));
    assertEquals(false, props.get(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG));
    assertEquals(false, props.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
  }

  @Test
  void kafkaSettingsCarryTheConnectionsSecuritySettings() {
    KafkaConnection kafka =
        new KafkaConnection(
            "broker:9093", Map.of("security.protocol", "SSL", "ssl.keystore.type", "PEM"));

    Map<String, Object> props = SinkConsumer.kafkaProperties(kafka);

    assertEquals("broker:9093", props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    assertEquals("SSL", props.get("security.protocol"));
    assertEquals("PEM", props.get("ssl.keystore.type"));
    assertEquals("read_committed", props.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, FleetWindow window) {
    return new ConsumerRecord<>(TOPIC, 0, offset, null, SERDE.encode(window));
  }
}
