package io.fleetpulse.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.schemas.KafkaConnection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaScenarioOutputPropertiesTest {

  @Test
  void carriesTheConnectionsSecuritySettings() {
    KafkaConnection kafka =
        new KafkaConnection(
            "kafka:9093",
            Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "login hunter2"));

    Map<String, Object> properties = KafkaScenarioOutput.producerProperties(kafka);

    assertEquals("kafka:9093", properties.get("bootstrap.servers"));
    assertEquals("SASL_SSL", properties.get("security.protocol"));
    assertEquals("login hunter2", properties.get("sasl.jaas.config"));
  }
}
