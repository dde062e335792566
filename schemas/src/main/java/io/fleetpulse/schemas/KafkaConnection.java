package io.fleetpulse.schemas;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Where Kafka is and how a client gets in: the bootstrap servers and the client settings (security
 * protocol, SASL login, TLS stores, any further client property) that every Kafka client FleetPulse
 * makes starts from, so that no client can be made without them.
 *
 * @param settings Kafka client properties by their Kafka names; never {@code bootstrap.servers}
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> settings) {

  /** The only settings whose values {@link #toString()} shows: they can never hold a secret. */
  private static final Set<String> SHOWN =
      Set.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SaslConfigs.SASL_MECHANISM);

  public KafkaConnection {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("Kafka bootstrap servers must not be empty");
    }
    settings = Map.copyOf(settings);
    if (settings.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException(
          "bootstrap.servers is the connection's bootstrapServers, not one of its settings");
    }
  }

  /** A Kafka that takes anyone: no security settings at all. */
  public static KafkaConnection plaintext(String bootstrapServers) {
    return new KafkaConnection(bootstrapServers, Map.of());
  }

  /** The properties a new client starts from, for the caller to add its own to. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> properties = new HashMap<>(settings);
    properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return properties;
  }

  /**
   * The servers and the security protocol and mechanism; of every other setting only its name, as
   * any of them (a JAAS login, a store password, a raw property) may be a secret.
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("KafkaConnection[").append(bootstrapServers);
    new TreeMap<>(settings)
        .forEach(
            (key, value) ->
                text.append(", ").append(key).append(SHOWN.contains(key) ? "=" + value : ""));
    return text.append(']').toString();
  }
}
