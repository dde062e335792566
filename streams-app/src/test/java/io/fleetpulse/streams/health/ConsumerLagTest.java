package io.fleetpulse.streams.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

  @Test
  void sumsTheStreamThreadsPartitionLagsPerTopicLeavingOutRestoreConsumersAndUnknownLags() {
    Map<MetricName, Metric> metrics = new HashMap<>();
    lag(metrics, "app-StreamThread-1-consumer", "fleetpulse.scrapes.v1", 0, 40);
    lag(metrics, "app-StreamThread-2-consumer", "fleetpulse.scrapes.v1", 1, 2);
    // The consumer's older spelling of the same partitions' lag: counted once, not twice.
    lag(metrics, "app-StreamThread-1-consumer", "fleetpulse_scrapes_v1", 0, 40);
    lag(metrics, "app-StreamThread-2-consumer", "fleetpulse_scrapes_v1", 1, 2);
    lag(metrics, "app-StreamThread-1-consumer", "fleetpulse.requests.v1", 0, Double.NaN);
    lag(metrics, "app-StreamThread-1-consumer", "app-scope-slices-repartition", 3, 7);
    lag(metrics, "app-StreamThread-1-restore-consumer", "app-scope-windows-changelog", 0, 9000);
    MetricName lagMax =
        new MetricName(
            "records-lag-max",
            "consumer-fetch-manager-metrics",
            "",
            Map.of("client-id", "app-StreamThread-1-consumer"));
    metrics.put(lagMax, metric(lagMax, 40));

    PrometheusRegistry registry = new PrometheusRegistry();
    new ConsumerLag(() -> metrics).register(registry);
    GaugeSnapshot snapshot = (GaugeSnapshot) registry.scrape().get(0);

    Map<String, Double> byTopic = new TreeMap<>();
    for (GaugeDataPointSnapshot point : snapshot.getDataPoints()) {
      byTopic.put(point.getLabels().get("topic"), point.getValue());
    }
    assertEquals(
        Map.of("fleetpulse.scrapes.v1", 42.0, "app-scope-slices-repartition", 7.0), byTopic);
    assertEquals("fleetpulse_streams_consumer_lag_records", snapshot.getMetadata().getName());
  }

  private static void lag(
      Map<MetricName, Metric> metrics, String clientId, String topic, int partition, double lag) {
    MetricName name =
        new MetricName(
            "records-lag",
            "consumer-fetch-manager-metrics",
            "",
            Map.of(
                "client-id", clientId, "topic", topic, "partition", Integer.toString(partition)));
    metrics.put(name, metric(name, lag));
  }

  private static Metric metric(MetricName name, double value) {
    return new Metric() {
      @Override
      public MetricName metricName() {
        return name;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    };
  }
}
