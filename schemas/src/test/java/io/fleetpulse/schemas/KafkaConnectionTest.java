package io.fleetpulse.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

  private final KafkaConnection secured =
      new KafkaConnection(
          "kafka:9093",
          Map.of(
              "security.protocol", "SASL_SSL",
              "sasl.mechanism", "PLAIN",
              "sasl.jaas.config", "PlainLoginModule required password=\"hunter2-jaas\";",
              "ssl.truststore.password", "hunter2-store",
              "some.raw.property", "hunter2-raw"));

  @Test
  void everyClientStartsFromTheServersAndTheSettings() {
    Map<String, Object> properties = secured.clientProperties();

    assertEquals("kafka:9093", properties.get("bootstrap.servers"));
    assertEquals("SASL_SSL", properties.get("security.protocol"));
    assertEquals("hunter2-store", properties.get("ssl.truststore.password"));
    assertEquals(6, properties.size());
  }

  @Test
  void showsTheProtocolAndMechanismButNoOtherValue() {
    assertEquals(
        "KafkaConnection[kafka:9093, sasl.jaas.config, sasl.mechanism=PLAIN,"
            + " security.protocol=SASL_SSL, some.raw.property, ssl.truststore.password]",
        secured.toString());
    assertFalse(secured.toString().contains("hunter2"));
  }

  @Test
  void refusesNoServersAndServersAmongTheSettings() {
    assertThrows(IllegalArgumentException.class, () -> KafkaConnection.plaintext(" "));
    assertThrows(
        IllegalArgumentException.class,
        () -> new KafkaConnection("a:9092", Map.of("bootstrap.servers", "b:9092")));
  }
}
