package io.fleetpulse.cli.config;

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
 *     reprocessing)
 * @param resultsRetention how long windows and signals are kept (long-retention analytics)
 */
public record KafkaSettings(
    String bootstrapServers,
    String topicPrefix,
    String dataDir,
    Integer partitions,
    Integer replicationFactor,
    Duration rawRetention,
    Duration resultsRetention) {

  public KafkaSettings {
    bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.trim();
    topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? "fleetpulse" : topicPrefix;
    dataDir = dataDir == null || dataDir.isBlank() ? ".fleetpulse/kafka" : dataDir;
    partitions = partitions == null ? 6 : partitions;
    rawRetention = rawRetention == null ? Duration.ofDays(7) : rawRetention;
    resultsRetention = resultsRetention == null ? Duration.ofDays(30) : resultsRetention;
    if (partitions < 1) {
      throw new IllegalArgumentException("kafka.partitions must be at least 1, got " + partitions);
    }
    if (replicationFactor != null && replicationFactor < 1) {
      throw new IllegalArgumentException(
          "kafka.replication_factor must be at least 1, got " + replicationFactor);
    }
  }

  public static KafkaSettings defaults() {
    return new KafkaSettings(null, null, null, null, null, null, null);
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
        resultsRetention);
  }
}
