package io.fleetpulse.cli.config;

import io.fleetpulse.schemas.KafkaConnection;
import java.time.Duration;

/**
 * Where the pipeline's Kafka is and how its topics are made.
 *
 * @param bootstrapServers empty: start the embedded single-node broker
 * @param topicPrefix every topic is {@code <prefix>.<name>.v<N>}
 * @param dataDir the embedded broker's data (kept across runs)
 * @param partitions partitions of each topic FleetPulse creates
 * @param replicationFactor replicas of each topic; null: the broker's default
 * @param rawRetention how long raw scrapes, request events and dead letters are kept (replay,
 *     reprocessing); default 3 days
 * @param windowsRetention how long the live windows (fleet-stats: 10 s, 1 m) and per-node records
 *     (node-stats) are kept; default 1 day, the rollup tiers keep the longer history
 * @param resultsRetention how long signals are kept; default 30 days
 * @param rollupRetention how long each rollup tier's windows are kept
 * @param client how FleetPulse's clients get into a Kafka of the operator's (TLS, SASL)
 */
public record KafkaSettings(
    String bootstrapServers,
    String topicPrefix,
    String dataDir,
    Integer partitions,
    Integer replicationFactor,
    Duration rawRetention,
    Duration windowsRetention,
    Duration resultsRetention,
    RollupRetention rollupRetention,
    KafkaClientSettings client) {

  public KafkaSettings {
    bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.trim();
    topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? "fleetpulse" : topicPrefix;
    dataDir = dataDir == null || dataDir.isBlank() ? ".fleetpulse/kafka" : dataDir;
    partitions = partitions == null ? 6 : partitions;
    rawRetention = rawRetention == null ? Duration.ofDays(3) : rawRetention;
    windowsRetention = windowsRetention == null ? Duration.ofDays(1) : windowsRetention;
    resultsRetention = resultsRetention == null ? Duration.ofDays(30) : resultsRetention;
    rollupRetention = rollupRetention == null ? RollupRetention.defaults() : rollupRetention;
    client = client == null ? KafkaClientSettings.defaults() : client;
    if (partitions < 1) {
      throw new IllegalArgumentException("kafka.partitions must be at least 1, got " + partitions);
    }
    if (replicationFactor != null && replicationFactor < 1) {
      throw new IllegalArgumentException(
          "kafka.replication_factor must be at least 1, got " + replicationFactor);
    }
    if (bootstrapServers.isEmpty() && !client.securityProtocol().equals("PLAINTEXT")) {
      throw new IllegalArgumentException(
          "kafka.client.security_protocol "
              + client.securityProtocol()
              + " needs kafka.bootstrap_servers: the embedded broker takes plain connections only");
    }
  }

  public static KafkaSettings defaults() {
    return of(null, null, null, null);
  }

  /**
   * These servers, prefix, data and partitions (null: their defaults), every other option at its
   * default.
   */
  public static KafkaSettings of(
      String bootstrapServers, String topicPrefix, String dataDir, Integer partitions) {
    return new KafkaSettings(
        bootstrapServers, topicPrefix, dataDir, partitions, null, null, null, null, null, null);
  }

  public boolean embedded() {
    return bootstrapServers.isEmpty();
  }

  public KafkaSettings withBootstrapServers(String servers) {
    return new KafkaSettings(
        servers,
        topicPrefix,
        dataDir,
        partitions,
        replicationFactor,
        rawRetention,
        windowsRetention,
        resultsRetention,
        rollupRetention,
        client);
  }

  /** Where Kafka is at {@code servers}, and how to get in. */
  public KafkaConnection connection(String servers) {
    return new KafkaConnection(servers, client.clientSettings());
  }
}
