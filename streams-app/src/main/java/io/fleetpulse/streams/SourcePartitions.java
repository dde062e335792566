package io.fleetpulse.streams;

import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * How many node-stage tasks the topology has: the most partitions of its two input topics, as Kafka
 * Streams makes one task per partition of a sub-topology's inputs. The scope stage waits for each
 * task's progress. Asked once, when the first scope-stage task starts (so the broker is reachable
 * by then), and remembered.
 */
final class SourcePartitions implements IntSupplier {

  private static final long TIMEOUT_SECONDS = 30;

  private final KafkaConnection kafka;
  private final Topics topics;
  private Integer count;

  SourcePartitions(KafkaConnection kafka, Topics topics) {
    this.kafka = kafka;
    this.topics = topics;
  }

  @Override
  public synchronized int getAsInt() {
    if (count == null) {
      count = describe();
    }
    return count;
  }

  private int describe() {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(List.of(topics.scrapes(), topics.requests()))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return described.values().stream()
          .mapToInt(topic -> topic.partitions().size())
          .max()
          .orElseThrow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing the input topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot describe the input topics "
              + topics.scrapes()
              + " and "
              + topics.requests()
              + " at "
              + kafka.bootstrapServers()
              + " (they must exist before the streams app starts): "
              + e,
          e);
    }
  }
}
