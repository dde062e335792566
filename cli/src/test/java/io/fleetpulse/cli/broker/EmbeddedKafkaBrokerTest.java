package io.fleetpulse.cli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.testing.TopicReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

  @TempDir Path dataDir;

  @Test
  void keepsTopicsDataAndAddressAcrossARestartOnTheSameDirectory() throws Exception {
    String firstAddress;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
      firstAddress = broker.bootstrapServers();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", firstAddress))) {
        admin
            .createTopics(List.of(new NewTopic("t", 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      produce(firstAddress, "before");
      broker.stop();
      assertFalse(broker.isRunning());
      broker.restart();
      assertTrue(broker.isRunning());
      produce(broker.bootstrapServers(), "after restart");
      assertEquals(List.of("before", "after restart"), readAll(broker.bootstrapServers()));
    }
    try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dataDir)) {
      assertEquals(firstAddress, again.bootstrapServers());
      assertEquals(List.of("before", "after restart"), readAll(again.bootstrapServers()));
    }
  }

  private static void produce(String servers, String value) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>("t", value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> readAll(String servers) {
    return TopicReader.readAll(servers, "t", new StringDeserializer()).stream()
        .map(ConsumerRecord::value)
        .toList();
  }
}
