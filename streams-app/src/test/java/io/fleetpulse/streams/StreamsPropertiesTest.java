package io.fleetpulse.streams;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.Topics;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

  @Test
  void aCrashedInstanceLosesItsPartitionsAndItsOpenTransactionWithinTheFailoverTime() {
    Properties props =
        StreamsProperties.of(
            "broker:9092", Topics.withDefaultPrefix(), StreamsAppConfig.defaults());
    assertEquals(6000, props.get("consumer.session.timeout.ms"));
    assertEquals(1500, props.get("consumer.heartbeat.interval.ms"));
    assertEquals(6000, props.get("producer.transaction.timeout.ms"));
    assertTrue(
        StreamsAppConfig.DEFAULT_GRACE.compareTo(StreamsProperties.FAILOVER_TIME) >= 0,
        "the default grace should cover the failover");
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
