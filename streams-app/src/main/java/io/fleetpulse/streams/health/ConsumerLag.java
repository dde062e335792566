package io.fleetpulse.streams.health;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Consumer lag of the app, per topic: the sum over its assigned partitions of how many records the
 * stream threads' consumers are behind the end of the partition, read from the Kafka client
 * metrics. The restore consumers are left out: their lag is changelog replay, not input falling
 * behind. The consumer reports each partition's lag under two spellings of the topic name (as is
 * and with dots turned into underscores, its older metric names); each partition is counted once,
 * under its real name.
 */
public final class ConsumerLag {

  private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
  private static final String PARTITION_LAG = "records-lag";

  private final Supplier<Map<MetricName, ? extends Metric>> clientMetrics;

  public ConsumerLag(Supplier<Map<MetricName, ? extends Metric>> clientMetrics) {
    this.clientMetrics = clientMetrics;
  }

  /** Records behind the end of the assigned partitions, summed by topic. */
  public Map<String, Double> lagByTopic() {
    Map<String, Map.Entry<String, Double>> byPartition = new HashMap<>();
    clientMetrics
        .get()
        .forEach(
            (name, metric) -> {
              Map<String, String> tags = name.tags();
              String topic = tags.get("topic");
              String clientId = tags.getOrDefault("client-id", "");
              if (FETCH_GROUP.equals(name.group())
                  && PARTITION_LAG.equals(name.name())
                  && topic != null
                  && tags.containsKey("partition")
                  && !clientId.endsWith("restore-consumer")
                  && metric.metricValue() instanceof Number lag
                  && Double.isFinite(lag.doubleValue())) {
                String partition =
                    clientId + "|" + topic.replace('.', '_') + "|" + tags.get("partition");
                Map.Entry<String, Double> kept = byPartition.get(partition);
                if (kept == null || kept.getKey().indexOf('.') < 0) {
                  byPartition.put(partition, Map.entry(topic, lag.doubleValue()));
                }
              }
            });
    Map<String, Double> lagByTopic = new TreeMap<>();
    byPartition
        .values()
        .forEach(lag -> lagByTopic.merge(lag.getKey(), lag.getValue(), Double::sum));
    return lagByTopic;
  }

  /** What the consumers know of one input partition's unread records. */
  public enum PartitionLag {
    /** Some of the topics have records not yet read on the partition. */
    BEHIND,
    /** Every topic the consumers have fetched is read to its end, and at least one was fetched. */
    CAUGHT_UP,
    /** No consumer has fetched the partition yet, so nothing is known of it. */
    UNKNOWN
  }

  /** Whether partition {@code partition} of any of {@code topics} has records not yet read. */
  public PartitionLag partitionLag(Set<String> topics, int partition) {
    String wanted = Integer.toString(partition);
    PartitionLag known = PartitionLag.UNKNOWN;
    for (Map.Entry<MetricName, ? extends Metric> entry : clientMetrics.get().entrySet()) {
      MetricName name = entry.getKey();
      Map<String, String> tags = name.tags();
      if (FETCH_GROUP.equals(name.group())
          && PARTITION_LAG.equals(name.name())
          && topics.contains(tags.get("topic"))
          && wanted.equals(tags.get("partition"))
          && !tags.getOrDefault("client-id", "").endsWith("restore-consumer")
          && entry.getValue().metricValue() instanceof Number lag
          && Double.isFinite(lag.doubleValue())) {
        if (lag.doubleValue() > 0) {
          return PartitionLag.BEHIND;
        }
        known = PartitionLag.CAUGHT_UP;
      }
    }
    return known;
  }

  /**
   * A topic has no series until a partition of it is assigned, since only then do the consumers
   * report its lag.
   */
  public void register(PrometheusRegistry registry) {
    GaugeWithCallback.builder()
        .name("fleetpulse_streams_consumer_lag_records")
        .help(
            "Records the stream threads' consumers are behind the end of their assigned partitions, by topic")
        .labelNames("topic")
        .callback(callback -> lagByTopic().forEach((topic, lag) -> callback.call(lag, topic)))
        .register(registry);
  }
}
