package io.fleetpulse.streams.health;

import io.fleetpulse.schemas.DaemonThreads;
import io.fleetpulse.schemas.KafkaConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each input partition reaches on the broker, and how far the app's group has read it, as
 * the broker tells, asked again every {@code every} on a thread of its own. It is what tells a
 * partition with records the consumers have not fetched yet from an empty one: the consumers know
 * neither before their first fetch, and on a backlog that fetch can come long after the task
 * started. Until the broker has answered, nothing is known and the caller falls back on the
 * consumers' lag.
 */
public final class InputOffsets implements InputBacklog.BrokerReach, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InputOffsets.class);
  private static final long ASK_TIMEOUT_SECONDS = 10;

  /** What the broker said of one partition: where it ends, and how far the group has read it. */
  public record Reach(long end, long read) {}

  private final Admin admin;
  private final Set<String> topics;
  private final String groupId;
  private final ScheduledExecutorService asker;
  private volatile Map<TopicPartition, Reach> reach = Map.of();
  private volatile boolean answered;
  private List<TopicPartition> partitions;

  private InputOffsets(Admin admin, Set<String> topics, String groupId, Duration every) {
    this.admin = admin;
    this.topics = Set.copyOf(topics);
    this.groupId = groupId;
    this.asker =
        Executors.newSingleThreadScheduledExecutor(new DaemonThreads("fleetpulse-input-offsets-"));
    asker.scheduleWithFixedDelay(this::ask, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts asking the broker about {@code topics} for the group {@code groupId}. */
  public static InputOffsets start(
      KafkaConnection kafka, Set<String> topics, String groupId, Duration every) {
    return new InputOffsets(Admin.create(kafka.clientProperties()), topics, groupId, every);
  }

  @Override
  public boolean answered() {
    return answered;
  }

  @Override
  public Optional<Reach> of(TopicPartition partition) {
    return Optional.ofNullable(reach.get(partition));
  }

  private void ask() {
    try {
      if (partitions == null) {
        partitions = describe();
      }
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (TopicPartition partition : partitions) {
        earliest.put(partition, OffsetSpec.earliest());
        latest.put(partition, OffsetSpec.latest());
      }
      // Records of a transaction still open are not there for a read_committed consumer yet.
      ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
      Map<TopicPartition, ListOffsetsResultInfo> starts =
          admin
              .listOffsets(earliest, committedOnly)
              .all()
              .get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin.listOffsets(latest, committedOnly).all().get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> read =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, Reach> answered = new HashMap<>();
      for (TopicPartition partition : partitions) {
        ListOffsetsResultInfo start = starts.get(partition);
        ListOffsetsResultInfo end = ends.get(partition);
        if (start == null || end == null) {
          continue;
        }
        OffsetAndMetadata committed = read.get(partition);
        // A group that has not committed yet starts at the earliest record (auto.offset.reset).
        long position =
            committed == null ? start.offset() : Math.max(committed.offset(), start.offset());
        answered.put(partition, new Reach(end.offset(), position));
      }
      reach = Map.copyOf(answered);
      this.answered = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Kafka away or still starting: what was known stays, and the caller falls back meanwhile.
      LOG.debug("cannot ask the broker how far the input partitions reach: {}", e.toString());
    }
  }

  private List<TopicPartition> describe() throws Exception {
    Map<String, TopicDescription> described =
        admin.describeTopics(topics).allTopicNames().get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return described.values().stream()
        .flatMap(
            topic ->
                topic.partitions().stream()
                    .map(partition -> new TopicPartition(topic.name(), partition.partition())))
        .toList();
  }

  @Override
  public void close() {
    asker.shutdownNow();
    admin.close(Duration.ofSeconds(5));
  }
}
