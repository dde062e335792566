package io.fleetpulse.cli.report;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the rollup tiers and the signals for a range straight from Kafka into a {@link
 * ReportAccumulator}: one consumer, no group, assigned every partition, each started at the first
 * offset written at or after the range's start less a margin and read up to the end offset it had
 * when reading began, so records written meanwhile do not keep the report waiting.
 */
public final class TierReader {

  /** How far before --since each topic is read: a tier's window written at its start is caught. */
  private static final Map<String, Duration> MARGINS =
      Map.of(
          "1m", Duration.ofMinutes(1),
          "1h", Duration.ofHours(1),
          "1d", Duration.ofDays(1));

  /** A signal already firing at --since is seen from its first FIRING record. */
  private static final Duration SIGNAL_MARGIN = Duration.ofDays(1);

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConnection kafka;
  private final Topics topics;
  private final AvroSerde<RollupWindow> windows = new AvroSerde<>(RollupWindow.class);
  private final AvroSerde<Signal> signals = new AvroSerde<>(Signal.class);

  public TierReader(KafkaConnection kafka, Topics topics) {
    this.kafka = kafka;
    this.topics = topics;
  }

  /**
   * Reads every tier and the signals topic into {@code into}.
   *
   * @return how many records were read
   */
  public long read(ReportRange range, ReportAccumulator into, PrintWriter progressOut) {
    Map<String, String> tierByTopic = new HashMap<>();
    Map<String, Long> startByTopic = new HashMap<>();
    for (String tier : Topics.ROLLUP_TIERS) {
      tierByTopic.put(topics.rollup(tier), tier);
      startByTopic.put(topics.rollup(tier), range.sinceMs() - MARGINS.get(tier).toMillis());
    }
    startByTopic.put(topics.signals(), range.sinceMs() - SIGNAL_MARGIN.toMillis());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Map<TopicPartition, Long> fromTimes = new HashMap<>();
      startByTopic.forEach(
          (topic, fromMs) -> {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
              progressOut.println(
                  "report: topic " + topic + " does not exist; nothing read from it");
              return;
            }
            for (PartitionInfo info : infos) {
              fromTimes.put(new TopicPartition(topic, info.partition()), Math.max(0, fromMs));
            }
          });
      List<TopicPartition> partitions = new ArrayList<>(fromTimes.keySet());
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
      Map<TopicPartition, OffsetAndTimestamp> starts =
          consumer.offsetsForTimes(fromTimes, METADATA_TIMEOUT);
      consumer.assign(partitions);
      long total = 0;
      Map<TopicPartition, Long> startOffsets = new HashMap<>();
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp start = starts.get(partition);
        long offset = start == null ? ends.get(partition) : start.offset();
        consumer.seek(partition, offset);
        startOffsets.put(partition, offset);
        total += ends.get(partition) - offset;
      }
      ReadProgress progress = new ReadProgress(progressOut, total);
      long read = 0;
      List<TopicPartition> unfinished = new ArrayList<>(partitions);
      unfinished.removeIf(p -> startOffsets.get(p) >= ends.get(p));
      consumer.pause(partitions.stream().filter(p -> !unfinished.contains(p)).toList());
      while (!unfinished.isEmpty()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= ends.get(partition) || record.value() == null) {
            continue;
          }
          read++;
          String tier = tierByTopic.get(record.topic());
          if (tier != null) {
            if (record.key() == null
                || into.wants(new String(record.key(), StandardCharsets.UTF_8))) {
              into.accept(tier, windows.decode(record.value()));
            }
          } else {
            into.accept(signals.decode(record.value()));
          }
        }
        List<TopicPartition> done =
            unfinished.stream().filter(p -> consumer.position(p) >= ends.get(p)).toList();
        if (!done.isEmpty()) {
          unfinished.removeAll(done);
          consumer.pause(done);
        }
        progress.read(positionsRead(consumer, partitions, startOffsets, ends));
      }
      progress.finished(total);
      return read;
    }
  }

  /** Offsets passed rather than records seen: compaction and transaction markers leave gaps. */
  private static long positionsRead(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> starts,
      Map<TopicPartition, Long> ends) {
    long done = 0;
    for (TopicPartition partition : partitions) {
      done += Math.min(ends.get(partition), consumer.position(partition)) - starts.get(partition);
    }
    return done;
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> properties = kafka.clientProperties();
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    return properties;
  }
}
