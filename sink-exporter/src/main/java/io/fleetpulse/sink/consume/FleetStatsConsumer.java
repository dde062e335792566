package io.fleetpulse.sink.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the fleet-stats topic into a {@link WindowRecordHandler}, until {@link #stop()}.
 *
 * <p>No consumer group: each sink replica reads everything on its own, so replicas never split the
 * series between them. Each partition starts at the first record of the last {@code lookback}, so
 * a restarted sink shows the latest values at once. Runs on one thread; only {@link #stop()} may be
 * called from another.
 */
public final class FleetStatsConsumer implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(FleetStatsConsumer.class);

  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration MAX_RETRY = Duration.ofSeconds(5);
  // Partitions added to the topic later are picked up at this pace.
  private static final Duration REDISCOVER_EVERY = Duration.ofSeconds(30);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final Duration lookback;
  private final WindowRecordHandler ingest;
  private final Clock clock;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private Instant nextDiscovery = Instant.MIN;
  private boolean reportedMissingTopic;

  public FleetStatsConsumer(
      Consumer<byte[], byte[]> consumer,
      String topic,
      Duration lookback,
      WindowRecordHandler ingest,
      Clock clock) {
    this.consumer = consumer;
    this.topic = topic;
    this.lookback = lookback;
    this.ingest = ingest;
    this.clock = clock;
  }

  /** Settings for the {@link org.apache.kafka.clients.consumer.KafkaConsumer} this class expects. */
  public static Map<String, Object> kafkaProperties(String bootstrapServers) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "fleetpulse-sink");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Values are decoded by WindowRecordHandler, so a bad record is skipped instead of failing poll().
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // The streams app writes transactionally; aborted windows must never be shown.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Creating the topic here would give it the broker's default partition count, not the app's.
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    // Only used when a position is lost to retention: the oldest retained record is the closest.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }

  @Override
  public void run() {
    Duration retry = FIRST_RETRY;
    try {
      while (!stopped()) {
        try {
          if (consumer.assignment().isEmpty() || !clock.instant().isBefore(nextDiscovery)) {
            if (!assignPartitions()) {
              pause(retry);
              retry = longer(retry);
              continue;
            }
          }
          pollOnce(POLL_TIMEOUT);
          retry = FIRST_RETRY;
        } catch (WakeupException e) {
          // stop() interrupts a blocking call; the loop condition ends the loop.
        } catch (KafkaException e) {
          LOG.warn("reading {} failed, retrying in {}: {}", topic, retry, e.toString());
          pause(retry);
          retry = longer(retry);
        }
      }
    } finally {
      consumer.close();
    }
  }

  /** Ends {@link #run()} soon, also when it is blocked in a Kafka call. Safe from any thread. */
  public void stop() {
    stopRequested.countDown();
    consumer.wakeup();
  }

  /**
   * Assigns the topic's partitions not assigned yet, each positioned at the start of the lookback
   * (or at the end when it has nothing that recent).
   *
   * @return whether any partition is assigned; false while the topic does not exist
   */
  boolean assignPartitions() {
    nextDiscovery = clock.instant().plus(REDISCOVER_EVERY);
    Set<TopicPartition> assigned = consumer.assignment();
    List<TopicPartition> added = new ArrayList<>();
    List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
    for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
      TopicPartition partition = new TopicPartition(info.topic(), info.partition());
      if (!assigned.contains(partition)) {
        added.add(partition);
      }
    }
    if (added.isEmpty()) {
      if (assigned.isEmpty() && !reportedMissingTopic) {
        LOG.info("topic {} does not exist yet, waiting for it", topic);
        reportedMissingTopic = true;
      }
      return !assigned.isEmpty();
    }
    Map<TopicPartition, OffsetAndTimestamp> starts = lookbackStarts(added);
    Set<TopicPartition> all = new HashSet<>(assigned);
    all.addAll(added);
    consumer.assign(all);
    List<TopicPartition> atEnd = new ArrayList<>();
    for (TopicPartition partition : added) {
      OffsetAndTimestamp start = starts.get(partition);
      if (start == null) {
        atEnd.add(partition);
      } else {
        consumer.seek(partition, start.offset());
      }
    }
    if (!atEnd.isEmpty()) {
      // seekToEnd of nothing means every assigned partition, skipping what the others have yet to read.
      consumer.seekToEnd(atEnd);
    }
    LOG.info("reading {} partition(s) of {} from {} ago", added.size(), topic, lookback);
    return true;
  }

  /** Hands every record of one poll to the ingest. */
  void pollOnce(Duration timeout) {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
      ingest.accept(record);
    }
  }

  private Map<TopicPartition, OffsetAndTimestamp> lookbackStarts(List<TopicPartition> partitions) {
    long from = clock.instant().minus(lookback).toEpochMilli();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(partition -> query.put(partition, from));
    return consumer.offsetsForTimes(query, METADATA_TIMEOUT);
  }

  private boolean stopped() {
    return stopRequested.getCount() == 0;
  }

  private void pause(Duration duration) {
    try {
      stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopRequested.countDown();
    }
  }

  private static Duration longer(Duration retry) {
    Duration doubled = retry.multipliedBy(2);
    return doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
  }
}
