package io.fleetpulse.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link MockConsumer} that also answers offsetsForTimes (from offsets a test sets) and, like a
 * real consumer, waits a little in an empty poll, so a polling thread does not spin.
 */
public final class ScriptedConsumer extends MockConsumer<byte[], byte[]> {

  private final Map<TopicPartition, Long> lookbackStarts = new HashMap<>();
  private final List<Map<TopicPartition, Long>> timeQueries = new ArrayList<>();

  public ScriptedConsumer() {
    super("earliest");
  }

  /** Makes {@code topic} exist with {@code partitions} partitions, each empty up to {@code end}. */
  public synchronized void createTopic(String topic, int partitions, long end) {
    List<PartitionInfo> infos = new ArrayList<>();
    Map<TopicPartition, Long> ends = new HashMap<>();
    Map<TopicPartition, Long> beginnings = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      infos.add(new PartitionInfo(topic, p, null, null, null));
      ends.put(new TopicPartition(topic, p), end);
      beginnings.put(new TopicPartition(topic, p), 0L);
    }
    updatePartitions(topic, infos);
    updateEndOffsets(ends);
    updateBeginningOffsets(beginnings);
  }

  /** offsetsForTimes answers {@code offset} for {@code partition}, and nothing for the others. */
  public synchronized void startAt(TopicPartition partition, long offset) {
    lookbackStarts.put(partition, offset);
  }

  public synchronized List<Map<TopicPartition, Long>> timeQueries() {
    return List.copyOf(timeQueries);
  }

  @Override
  public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
      Map<TopicPartition, Long> timestamps) {
    timeQueries.add(Map.copyOf(timestamps));
    Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
    timestamps.forEach(
        (partition, time) -> {
          Long offset = lookbackStarts.get(partition);
          found.put(partition, offset == null ? null : new OffsetAndTimestamp(offset, time));
        });
    return found;
  }

  @Override
  public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
    ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
    if (records.isEmpty()) {
      try {
        Thread.sleep(Math.min(timeout.toMillis(), 20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return records;
  }
}
