package io.fleetpulse.cli.scaleout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a streams app's consumer group has got through one input topic, from the outside: its
 * committed offsets against the topic's end, and which member holds which partitions. Committed
 * offsets are what exactly-once made durable, so a record counts as processed only once its
 * transaction has committed.
 */
final class GroupProgress {

  private static final long TIMEOUT_S = 10;

  private final Admin admin;
  private final String group;
  private final String topic;

  GroupProgress(Admin admin, String group, String topic) {
    this.admin = admin;
    this.group = group;
    this.topic = topic;
  }

  /** Records of the topic the group has committed, over all partitions. */
  long committed() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    return offsets.entrySet().stream()
        .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
        .mapToLong(entry -> entry.getValue().offset())
        .sum();
  }

  /** Records on the topic, over all partitions: the end offsets (the backlog starts at 0). */
  long end() throws Exception {
    int partitions =
        get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return get(admin.listOffsets(latest).all()).values().stream()
        .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
        .sum();
  }

  /** The topic's partitions held by each member, by the member's client id. */
  Map<String, List<Integer>> assignment() throws Exception {
    ConsumerGroupDescription description =
        get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
    Map<String, List<Integer>> byClient = new TreeMap<>();
    for (MemberDescription member : description.members()) {
      byClient.put(
          member.clientId(),
          member.assignment().topicPartitions().stream()
              .filter(partition -> partition.topic().equals(topic))
              .map(TopicPartition::partition)
              .sorted()
              .collect(Collectors.toList()));
    }
    return byClient;
  }

  private static <T> T get(KafkaFuture<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(TIMEOUT_S, TimeUnit.SECONDS);
  }
}
