package io.fleetpulse.cli.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.schemas.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic, from the beginning to the end it has now, in each partition's order. */
public final class TopicReader {

  private static final Duration LIMIT = Duration.ofSeconds(60);

  private TopicReader() {}

  public static <T extends SpecificRecord> List<ConsumerRecord<String, T>> readAll(
      String bootstrapServers, String topic, Class<T> type) {
    return readAll(bootstrapServers, topic, new AvroSerde<>(type).deserializer());
  }

  public static <V> List<ConsumerRecord<String, V>> readAll(
      String bootstrapServers, String topic, Deserializer<V> values) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          fail("could not read " + topic + " to its end within " + LIMIT.toSeconds() + " s");
        }
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }
}
