package io.fleetpulse.cli.pipeline;

import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.schemas.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic of Avro records, from the beginning to the end it has now, in each partition's order. */
final class TopicReader {

  private TopicReader() {}

  static <T extends SpecificRecord> List<ConsumerRecord<String, T>> readAll(String bootstrapServers, String topic,
      Class<T> type) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, T>> records = new ArrayList<>();
    try (KafkaConsumer<String, T> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new AvroSerde<>(type).deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 30_000;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.currentTimeMillis() > deadline) {
          fail("could not read " + topic + " to its end within 30 s");
        }
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }
}
