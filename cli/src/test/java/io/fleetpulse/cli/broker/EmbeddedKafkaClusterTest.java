package io.fleetpulse.cli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.cli.testing.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaClusterTest {

  private static final String TOPIC = "t";

  @TempDir Path dataDir;

  @Test
  void staysWritableWithOneBrokerDownAndTheRestartedBrokerCatchesUp() throws Exception {
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(dataDir, 3);
        Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      // No replication factor given: the cluster's default of three applies.
      admin
          .createTopics(List.of(new NewTopic(TOPIC, 1, (short) -1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      assertEquals(3, partition(admin).replicas().size());
      int leader = partition(admin).leader().id();
      produce(cluster, "before");

      cluster.stopBroker(leader - 1);
      assertFalse(cluster.isBrokerRunning(leader - 1));
      produce(cluster, "with the leader down");

      cluster.restartBroker(leader - 1);
      assertTrue(cluster.isBrokerRunning(leader - 1));
      awaitInSyncReplicas(admin, 3);
      produce(cluster, "after restart");

      assertEquals(List.of("before", "with the leader down", "after restart"), readAll(cluster));
    }
  }

  /** Waits while the broker asked does not know the topic yet, as right after it was created. */
  private static TopicPartitionInfo partition(Admin admin) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        TopicDescription description =
            admin
                .describeTopics(List.of(TOPIC))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(TOPIC);
        return description.partitions().get(0);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static void awaitInSyncReplicas(Admin admin, int replicas) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (partition(admin).isr().size() < replicas) {
      if (System.nanoTime() > deadline) {
        fail(
            "the restarted broker did not rejoin the in-sync replicas within 30 s: "
                + partition(admin));
      }
      Thread.sleep(100);
    }
  }

  private static void produce(EmbeddedKafkaCluster cluster, String value) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> readAll(EmbeddedKafkaCluster cluster) {
    return TopicReader.readAll(cluster.bootstrapServers(), TOPIC, new StringDeserializer()).stream()
        .map(ConsumerRecord::value)
        .toList();
  }
}
