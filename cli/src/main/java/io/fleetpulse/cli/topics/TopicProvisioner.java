package io.fleetpulse.cli.topics;

import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.config.Retention;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates FleetPulse's topics when they are missing, with the configured partitions and retention.
 * Existing topics are left as they are: an operator may have tuned them.
 */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private TopicProvisioner() {}

  /**
   * @throws KafkaAccessException when Kafka refuses the credentials or the rights to the topics:
   *     unlike an unreachable Kafka, waiting does not mend that
   * @throws IllegalStateException when Kafka does not answer or cannot create the topics
   */
  public static void ensureTopics(KafkaConnection kafka, KafkaSettings settings) {
    Topics topics = new Topics(settings.topicPrefix());
    String bootstrapServers = kafka.bootstrapServers();
    try (Admin admin = Admin.create(adminProperties(kafka))) {
      Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> topic :
          topicConfigs(topics, settings).entrySet()) {
        if (!existing.contains(topic.getKey())) {
          missing.add(newTopic(topic.getKey(), topic.getValue(), settings));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // Another FleetPulse process may have created them a moment ago; that is the state we
        // wanted.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
      log.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException
          || e.getCause() instanceof AuthorizationException) {
        throw new KafkaAccessException(
            "Kafka at "
                + bootstrapServers
                + " refused FleetPulse ("
                + e.getCause().getMessage()
                + "); check kafka.client",
            e.getCause());
      }
      throw new IllegalStateException(
          "cannot create topics on " + bootstrapServers + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at " + bootstrapServers + " did not answer within 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  static Map<String, Object> adminProperties(KafkaConnection kafka) {
    Map<String, Object> properties = kafka.clientProperties();
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
    return properties;
  }

  /**
   * Every topic of the pipeline with the configs it is created with: each kind of record has its
   * own retention, and a rollup tier's topic is compacted, so that a window re-emitted by a replay
   * replaces the one before it; a tier kept for a finite time is deleted by age as well.
   */
  static Map<String, Map<String, String>> topicConfigs(Topics topics, KafkaSettings settings) {
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    for (String raw : List.of(topics.scrapes(), topics.requests(), topics.deadLetter())) {
      configs.put(raw, retention(settings.rawRetention()));
    }
    for (String windows : List.of(topics.fleetStats(), topics.nodeStats())) {
      configs.put(windows, retention(settings.windowsRetention()));
    }
    configs.put(topics.signals(), retention(settings.resultsRetention()));
    for (String tier : Topics.ROLLUP_TIERS) {
      Retention retention = settings.rollupRetention().of(tier);
      configs.put(
          topics.rollup(tier),
          retention.isForever()
              ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
              : Map.of(
                  TopicConfig.CLEANUP_POLICY_CONFIG,
                  TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                  TopicConfig.RETENTION_MS_CONFIG,
                  Long.toString(retention.duration().toMillis())));
    }
    return configs;
  }

  private static Map<String, String> retention(Duration retention) {
    return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
  }

  private static NewTopic newTopic(
      String name, Map<String, String> configs, KafkaSettings settings) {
    Optional<Short> replicas =
        Optional.ofNullable(settings.replicationFactor()).map(Integer::shortValue);
    return new NewTopic(name, Optional.of(settings.partitions()), replicas).configs(configs);
  }

  /**
   * Waits until every partition of {@code names} has a leader the metadata names. Creation returns
   * before that; an idempotent producer writing in that gap is told the broker is not the leader,
   * and its retried first batch can then be refused as out of sequence for good.
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      if (allLed(admin, names)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("partitions of " + names + " still have no leader after 60 s");
      }
      Thread.sleep(50);
    }
  }

  /**
   * Whether every partition of the topics has a leader. Right after they are created, the broker
   * may not know them yet, and says so: that is "not yet", not a failure.
   */
  private static boolean allLed(Admin admin, List<String> names)
      throws ExecutionException, TimeoutException, InterruptedException {
    try {
      return admin.describeTopics(names).allTopicNames().get(60, TimeUnit.SECONDS).values().stream()
          .flatMap(topic -> topic.partitions().stream())
          .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
  }
}
