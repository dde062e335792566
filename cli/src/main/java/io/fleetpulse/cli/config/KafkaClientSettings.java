package io.fleetpulse.cli.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How every Kafka client FleetPulse makes gets into a Kafka of the operator's: the security
 * protocol, a SASL login (PLAIN or SCRAM), TLS trust and key stores (JKS, PKCS12 or PEM), and raw
 * client properties for anything else. Checked whole when read, so a mistake is reported at start,
 * naming its option, rather than by a client that cannot connect.
 *
 * @param properties Kafka client properties by their Kafka names, added to every client
 */
public record KafkaClientSettings(
    String securityProtocol,
    String saslMechanism,
    String saslUsername,
    String saslPassword,
    String sslTruststoreLocation,
    String sslTruststorePassword,
    String sslTruststoreType,
    String sslKeystoreLocation,
    String sslKeystorePassword,
    String sslKeystoreType,
    String sslKeyPassword,
    Map<String, String> properties) {

  private static final String OPTION = "kafka.client.";
  private static final List<String> PROTOCOLS =
      List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final Map<String, String> LOGIN_MODULES =
      Map.of(
          "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
          "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
          "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");
  private static final String MECHANISMS = "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512";
  private static final String SASL_PROTOCOLS = "SASL_PLAINTEXT or SASL_SSL";
  private static final String TLS_PROTOCOLS = "SSL or SASL_SSL";
  private static final List<String> STORE_TYPES = List.of("JKS", "PKCS12", "PEM");

  /** Properties the typed options set: also written among the raw ones, one would silently win. */
  private static final Map<String, String> TYPED =
      Map.of(
          CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "security_protocol",
          SaslConfigs.SASL_MECHANISM, "sasl_mechanism",
          SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "ssl_truststore_location",
          SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, "ssl_truststore_password",
          SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "ssl_truststore_type",
          SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, "ssl_keystore_location",
          SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, "ssl_keystore_password",
          SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "ssl_keystore_type",
          SslConfigs.SSL_KEY_PASSWORD_CONFIG, "ssl_key_password");

  public KafkaClientSettings {
    securityProtocol =
        securityProtocol == null || securityProtocol.isBlank()
            ? "PLAINTEXT"
            : securityProtocol.trim().toUpperCase(Locale.ROOT);
    saslMechanism = saslMechanism == null ? null : saslMechanism.trim().toUpperCase(Locale.ROOT);
    sslTruststoreType = storeType("ssl_truststore_type", sslTruststoreType);
    sslKeystoreType = storeType("ssl_keystore_type", sslKeystoreType);
    properties = properties == null ? Map.of() : properties;
    if (!PROTOCOLS.contains(securityProtocol)) {
      throw invalid(
          "security_protocol", "must be one of " + PROTOCOLS + ", got " + securityProtocol);
    }
    for (Map.Entry<String, String> property : properties.entrySet()) {
      String key = property.getKey();
      if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
        throw invalid("properties." + key, "is set by kafka.bootstrap_servers");
      }
      if (TYPED.containsKey(key)) {
        throw invalid("properties." + key, "is set by " + OPTION + TYPED.get(key));
      }
      if (property.getValue() == null) {
        throw invalid("properties." + key, "must have a value");
      }
    }
    properties = Map.copyOf(properties);
    checkSasl(securityProtocol, saslMechanism, saslUsername, saslPassword, properties);
    boolean tls = securityProtocol.endsWith("SSL");
    checkStore(
        tls, securityProtocol, "truststore", sslTruststoreLocation, sslTruststorePassword, null);
    checkStore(
        tls,
        securityProtocol,
        "keystore",
        sslKeystoreLocation,
        sslKeystorePassword,
        sslKeyPassword);
    if (!tls) {
      requireUnset("ssl_truststore_type", sslTruststoreType, TLS_PROTOCOLS, securityProtocol);
      requireUnset("ssl_keystore_type", sslKeystoreType, TLS_PROTOCOLS, securityProtocol);
    }
  }

  public static KafkaClientSettings defaults() {
    return new KafkaClientSettings(
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The Kafka client properties these settings stand for; empty for a plain connection. */
  public Map<String, String> clientSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    if (!securityProtocol.equals("PLAINTEXT")) {
      settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
    }
    putIfSet(settings, SaslConfigs.SASL_MECHANISM, saslMechanism);
    if (saslUsername != null) {
      settings.put(
          SaslConfigs.SASL_JAAS_CONFIG,
          LOGIN_MODULES.get(saslMechanism)
              + " required username=\""
              + jaasQuoted(saslUsername)
              + "\" password=\""
              + jaasQuoted(saslPassword)
              + "\";");
    }
    putIfSet(settings, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, sslTruststoreLocation);
    putIfSet(settings, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, sslTruststorePassword);
    putIfSet(settings, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, sslTruststoreType);
    putIfSet(settings, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, sslKeystoreLocation);
    putIfSet(settings, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, sslKeystorePassword);
    putIfSet(settings, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, sslKeystoreType);
    putIfSet(settings, SslConfigs.SSL_KEY_PASSWORD_CONFIG, sslKeyPassword);
    settings.putAll(properties);
    return settings;
  }

  /** Never shows a password, nor the value of a raw property, which may be a login of its own. */
  @Override
  public String toString() {
    return "KafkaClientSettings[securityProtocol="
        + securityProtocol
        + ", saslMechanism="
        + saslMechanism
        + ", saslUsername="
        + saslUsername
        + ", saslPassword="
        + hidden(saslPassword)
        + ", sslTruststoreLocation="
        + sslTruststoreLocation
        + ", sslTruststorePassword="
        + hidden(sslTruststorePassword)
        + ", sslTruststoreType="
        + sslTruststoreType
        + ", sslKeystoreLocation="
        + sslKeystoreLocation
        + ", sslKeystorePassword="
        + hidden(sslKeystorePassword)
        + ", sslKeystoreType="
        + sslKeystoreType
        + ", sslKeyPassword="
        + hidden(sslKeyPassword)
        + ", properties="
        + properties.keySet().stream().sorted().toList()
        + "]";
  }

  private static void checkSasl(
      String protocol,
      String mechanism,
      String username,
      String password,
      Map<String, String> properties) {
    if (!protocol.startsWith("SASL_")) {
      requireUnset("sasl_mechanism", mechanism, SASL_PROTOCOLS, protocol);
      requireUnset("sasl_username", username, SASL_PROTOCOLS, protocol);
      requireUnset("sasl_password", password, SASL_PROTOCOLS, protocol);
      return;
    }
    if (mechanism == null || mechanism.isEmpty()) {
      throw invalid(
          "sasl_mechanism", "must be set with security_protocol " + protocol + ": " + MECHANISMS);
    }
    if (properties.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
      if (username != null || password != null) {
        throw invalid(
            "properties." + SaslConfigs.SASL_JAAS_CONFIG,
            "is a login of its own: set it or sasl_username and sasl_password, not both");
      }
      return;
    }
    if (!LOGIN_MODULES.containsKey(mechanism)) {
      throw invalid(
          "sasl_mechanism",
          "must be "
              + MECHANISMS
              + ", got "
              + mechanism
              + " (another mechanism needs its login in "
              + OPTION
              + "properties.sasl.jaas.config)");
    }
    if (username == null || username.isBlank()) {
      throw invalid("sasl_username", "must be set with sasl_mechanism " + mechanism);
    }
    if (password == null || password.isEmpty()) {
      throw invalid("sasl_password", "must be set with sasl_mechanism " + mechanism);
    }
  }

  private static void checkStore(
      boolean tls,
      String protocol,
      String store,
      String location,
      String password,
      String keyPassword) {
    String prefix = "ssl_" + store + "_";
    if (!tls) {
      requireUnset(prefix + "location", location, TLS_PROTOCOLS, protocol);
      requireUnset(prefix + "password", password, TLS_PROTOCOLS, protocol);
      requireUnset("ssl_key_password", keyPassword, TLS_PROTOCOLS, protocol);
      return;
    }
    if (location == null) {
      if (password != null) {
        throw invalid(prefix + "password", "needs " + prefix + "location");
      }
      if (keyPassword != null) {
        throw invalid("ssl_key_password", "needs " + prefix + "location");
      }
      return;
    }
    if (!Files.isReadable(Path.of(location))) {
      throw invalid(prefix + "location", "is no readable file: " + location);
    }
  }

  private static String storeType(String option, String type) {
    if (type == null || type.isBlank()) {
      return null;
    }
    String upper = type.trim().toUpperCase(Locale.ROOT);
    if (!STORE_TYPES.contains(upper)) {
      throw invalid(option, "must be one of " + STORE_TYPES + ", got " + type);
    }
    return upper;
  }

  /**
   * A JAAS option value goes between double quotes, in which a backslash escapes the next
   * character.
   */
  private static String jaasQuoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static void putIfSet(Map<String, String> settings, String key, String value) {
    if (value != null) {
      settings.put(key, value);
    }
  }

  private static String hidden(String secret) {
    return secret == null ? null : "<hidden>";
  }

  /** A SASL or TLS option set for a protocol that would silently ignore it. */
  private static void requireUnset(String option, String value, String protocols, String protocol) {
    if (value != null) {
      throw invalid(
          option, "is used only with security_protocol " + protocols + ", not " + protocol);
    }
  }

  private static IllegalArgumentException invalid(String option, String reason) {
    return new IllegalArgumentException(OPTION + option + " " + reason);
  }
}
