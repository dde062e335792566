package io.fleetpulse.streams;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

  @Test
  void aCrashedInstanceLosesItsPartitionsAndItsOpenTransactionWithinTheFailoverTime() {
    Properties props =
        StreamsProperties.of(
            KafkaConnection.plaintext("broker:9092"),
            Topics.withDefaultPrefix(),
            StreamsAppConfig.defaults());
    assertEquals(6000, props.get("consumer.session.timeout.ms"));
    assertEquals(1500, props.get("consumer.heartbeat.interval.ms"));
    assertEquals(6000, props.get("producer.transaction.timeout.ms"));
    assertTrue(
        StreamsAppConfig.DEFAULT_GRACE.compareTo(StreamsProperties.FAILOVER_TIME) >= 0,
        "the default grace should cover the failover");
  }

  @Test
  void everyClientOfTheAppGetsTheConnectionsSecuritySettings() {
    KafkaConnection kafka =
        new KafkaConnection(
            "broker:9093",
            Map.of("security.protocol", "SASL_SSL", "ssl.truststore.location", "/etc/trust.pem"));

    Properties props =
        StreamsProperties.of(kafka, Topics.withDefaultPrefix(), StreamsAppConfig.defaults());

    assertEquals("broker:9093", props.get("bootstrap.servers"));
    assertEquals("SASL_SSL", props.get("security.protocol"));
    assertEquals("/etc/trust.pem", props.get("ssl.truststore.location"));
    StreamsConfig config = new StreamsConfig(props);
    assertEquals("SASL_SSL", config.getMainConsumerConfigs("g", "c", 0).get("security.protocol"));
    assertEquals("SASL_SSL", config.getProducerConfigs("p").get("security.protocol"));
    assertEquals("SASL_SSL", config.getAdminConfigs("a").get("security.protocol"));
  }

  @Test
  void aGraceShorterThanTheFailoverTimeIsRefusedNamingBothOptions() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> StreamsProperties.requireGraceCoversFailover(Duration.ofSeconds(3)));
    assertTrue(refused.getMessage().contains("streams.grace"), refused.getMessage());
    assertTrue(refused.getMessage().contains("session.timeout.ms"), refused.getMessage());
    assertDoesNotThrow(
        () -> StreamsProperties.requireGraceCoversFailover(StreamsProperties.FAILOVER_TIME));
  }
}
