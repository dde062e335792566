package io.fleetpulse.sink.consume;

import io.fleetpulse.schemas.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * Reads every partition of the sink's topics (fleet-stats, signals), each record into its topic's
 * {@link TopicDecoder}, until {@link #stop()}.
 *
 * <p>No consumer group: each sink replica reads everything on its own, so replicas never split the
 * series between them. Each partition starts at the first record of the last {@code lookback}, so a
 * restarted sink shows the latest values at once; {@link #awaitRestored} tells when what the topics
 * held at start has been read. Runs on one thread; only {@link #stop()} and {@link #awaitRestored}
 * may be called from another.
 */
public final class SinkConsumer implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);

  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration MAX_RETRY = Duration.ofSeconds(5);
  // Partitions added to a topic later are picked up at this pace.
  private static final Duration REDISCOVER_EVERY = Duration.ofSeconds(30);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

  private final Consumer<byte[], byte[]> consumer;
  private final Map<String, TopicDecoder<?>> decoders;
  private final Duration lookback;
  private final Map<String, Duration> lookbackByTopic;
  private final Clock clock;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch restored = new CountDownLatch(1);

  /** Where each partition ended when it was first assigned, until the consumer got there. */
  private final Map<TopicPartition, Long> restoreEnds = new HashMap<>();

  private final Set<String> reportedMissing = new HashSet<>();
  private Instant nextDiscovery = Instant.MIN;

  /**
   * @param decoders where each topic's records go, by topic name
   */
  public SinkConsumer(
      Consumer<byte[], byte[]> consumer,
      Map<String, TopicDecoder<?>> decoders,
      Duration lookback,
      Clock clock) {
    this(consumer, decoders, lookback, Map.of(), clock);
  }

  /**
   * As {@link #SinkConsumer(Consumer, Map, Duration, Clock)}, with topics of their own look-back:
   * the rollup tiers, whose history reaches further back than the latest values do.
   */
  public SinkConsumer(
      Consumer<byte[], byte[]> consumer,
      Map<String, TopicDecoder<?>> decoders,
      Duration lookback,
      Map<String, Duration> lookbackByTopic,
      Clock clock) {
    this.consumer = consumer;
    this.decoders = new LinkedHashMap<>(decoders);
    this.lookback = lookback;
    this.lookbackByTopic = Map.copyOf(lookbackByTopic);
    this.clock = clock;
  }

  /**
   * Settings for the {@link org.apache.kafka.clients.consumer.KafkaConsumer} this class expects.
   */
  public static Map<String, Object> kafkaProperties(KafkaConnection kafka) {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "fleetpulse-sink");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Values are decoded by TopicDecoder, so a bad record is skipped instead of failing poll().
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // The streams app writes transactionally; aborted windows must never be shown.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Creating a topic here would give it the broker's default partition count, not the app's.
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
            boolean any = assignPartitions();
            if (!any) {
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
          LOG.warn("reading {} failed, retrying in {}: {}", decoders.keySet(), retry, e.toString());
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
   * Waits until every partition that existed at the first assignment has been read to where it
   * ended then, or no topic existed yet, or {@code timeout} passed.
   *
   * @return whether the restore finished
   */
  public boolean awaitRestored(Duration timeout) throws InterruptedException {
    return restored.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Assigns the topics' partitions not assigned yet, each positioned at the start of the lookback
   * (or at the end when it has nothing that recent).
   *
   * @return whether any partition is assigned; false while no topic exists
   */
  boolean assignPartitions() {
    nextDiscovery = clock.instant().plus(REDISCOVER_EVERY);
    Set<TopicPartition> assigned = consumer.assignment();
    List<TopicPartition> added = new ArrayList<>();
    for (String topic : decoders.keySet()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
      if ((infos == null || infos.isEmpty()) && reportedMissing.add(topic)) {
        LOG.info("topic {} does not exist yet, waiting for it", topic);
      }
      for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
        TopicPartition partition = new TopicPartition(info.topic(), info.partition());
        if (!assigned.contains(partition)) {
          added.add(partition);
        }
      }
    }
    if (added.isEmpty()) {
      checkRestored();
      return !assigned.isEmpty();
    }
    Map<TopicPartition, OffsetAndTimestamp> starts = lookbackStarts(added);
    boolean firstAssignment = assigned.isEmpty() && restored.getCount() > 0;
    if (firstAssignment) {
      consumer.endOffsets(added, METADATA_TIMEOUT).forEach(restoreEnds::put);
    }
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
      // seekToEnd of nothing means every assigned partition, skipping what the others have yet to
      // read.
      consumer.seekToEnd(atEnd);
    }
    LOG.info(
        "reading {} partition(s) of {} from {} ago", added.size(), decoders.keySet(), lookback);
    checkRestored();
    return true;
  }

  /** Hands every record of one poll to its topic's decoder. */
  void pollOnce(Duration timeout) {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
      TopicDecoder<?> decoder = decoders.get(record.topic());
      if (decoder != null) {
        decoder.accept(record);
      }
    }
    checkRestored();
  }

  private void checkRestored() {
    if (restored.getCount() == 0) {
      return;
    }
    restoreEnds.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
    if (restoreEnds.isEmpty()) {
      restored.countDown();
    }
  }

  private Map<TopicPartition, OffsetAndTimestamp> lookbackStarts(List<TopicPartition> partitions) {
    Instant now = clock.instant();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(
        partition ->
            query.put(
                partition,
                Math.max(
                    0,
                    now.minus(lookbackByTopic.getOrDefault(partition.topic(), lookback))
                        .toEpochMilli())));
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
