package io.fleetpulse.streams.health;

import io.fleetpulse.streams.health.ConsumerLag.PartitionLag;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;

/**
 * Whether an input partition may still have records the app has not processed, which is what keeps
 * the wall clock from closing a quiet task's windows. Two places hold such records: the broker,
 * past the consumer's position (its lag), and the task's own buffer, records polled but not yet
 * processed and committed. A drained consumer (lag 0) says nothing of the second: on a backlog a
 * busy stream thread can poll a partition to its end seconds before its task processes the first of
 * those records, and the wall clock would meanwhile close every window they belong to.
 *
 * <p>A partition the consumers have not fetched yet counts as unread too, since a task started on a
 * backlog is quiet until its first fetch comes back; but only for a bounded time, so that a
 * partition whose lag is never reported cannot hold the fleet's windows open for good.
 */
public final class InputBacklog {

  /** What the broker says of the input partitions. */
  public interface BrokerReach {

    /** Whether the broker has answered at least once. */
    boolean answered();

    /** What the broker last said of {@code partition}; empty for a partition the topic lacks. */
    Optional<InputOffsets.Reach> of(TopicPartition partition);
  }

  private final BrokerReach offsets;
  private final ConsumerLag lag;
  private final Supplier<Collection<TaskMetadata>> activeTasks;
  private final Set<String> topics;
  private final long unknownForMs;
  private final LongSupplier clockMs;
  private final Map<Integer, Long> unknownSinceMs = new ConcurrentHashMap<>();

  /**
   * @param offsets how far the input partitions reach on the broker and the group has read them
   * @param activeTasks this instance's active tasks; each task's offsets are read only by the
   *     stream thread that owns it, from its own punctuation
   * @param unknownFor how long a partition whose lag is unknown still counts as unread
   */
  public InputBacklog(
      BrokerReach offsets,
      ConsumerLag lag,
      Supplier<Collection<TaskMetadata>> activeTasks,
      Set<String> topics,
      Duration unknownFor,
      LongSupplier clockMs) {
    this.offsets = offsets;
    this.lag = lag;
    this.activeTasks = activeTasks;
    this.topics = Set.copyOf(topics);
    this.unknownForMs = unknownFor.toMillis();
    this.clockMs = clockMs;
  }

  /** Whether partition {@code partition} of the input topics may have records not yet processed. */
  public boolean mayHaveUnread(int partition) {
    if (polledNotCommitted(partition)) {
      return true;
    }
    PartitionLag known = lag.partitionLag(topics, partition);
    if (known == PartitionLag.BEHIND) {
      return true;
    }
    if (offsets.answered()) {
      return unreadOnBroker(partition);
    }
    if (known == PartitionLag.CAUGHT_UP) {
      unknownSinceMs.remove(partition);
      return false;
    }
    long now = clockMs.getAsLong();
    long since = unknownSinceMs.computeIfAbsent(partition, p -> now);
    return now - since < unknownForMs;
  }

  /**
   * Whether the broker holds records of the partition past what the group, or the task itself, has
   * committed: the one answer that also covers records no consumer has fetched yet.
   */
  private boolean unreadOnBroker(int partition) {
    for (String topic : topics) {
      TopicPartition input = new TopicPartition(topic, partition);
      Optional<InputOffsets.Reach> reach = offsets.of(input);
      if (reach.isPresent()
          && reach.get().end() > Math.max(reach.get().read(), committedByTask(input))) {
        return true;
      }
    }
    return false;
  }

  private long committedByTask(TopicPartition input) {
    for (TaskMetadata task : activeTasks.get()) {
      Long committed = task.committedOffsets().get(input);
      if (committed != null && task.topicPartitions().contains(input)) {
        return committed;
      }
    }
    return -1;
  }

  /**
   * A task's end offset is the offset of the last record it polled, its committed offset the next
   * one to read: while the first is not below the second, polled records wait in its buffer.
   */
  private boolean polledNotCommitted(int partition) {
    for (TaskMetadata task : activeTasks.get()) {
      if (task.taskId().partition() != partition) {
        continue;
      }
      for (TopicPartition input : task.topicPartitions()) {
        if (!topics.contains(input.topic())) {
          continue;
        }
        Long polled = task.endOffsets().get(input);
        if (polled == null || polled < 0) {
          continue;
        }
        Long committed = task.committedOffsets().get(input);
        if (committed == null || committed <= polled) {
          return true;
        }
      }
    }
    return false;
  }
}
