package io.fleetpulse.streams.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.streams.health.ConsumerLag.PartitionLag;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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

  @Test
  void aPartitionIsBehindWhenAnyInputIsAndUnknownUntilFetched() {
    Map<MetricName, Metric> metrics = new HashMap<>();
    Set<String> inputs = Set.of("fleetpulse.scrapes.v1", "fleetpulse.requests.v1");
    ConsumerLag lag = new ConsumerLag(() -> metrics);
    assertEquals(PartitionLag.UNKNOWN, lag.partitionLag(inputs, 0), "not fetched yet");
    lag(metrics, "app-StreamThread-1-consumer", "fleetpulse.scrapes.v1", 0, Double.NaN);
    assertEquals(PartitionLag.UNKNOWN, lag.partitionLag(inputs, 0), "a lag not yet measured");
    lag(metrics, "app-StreamThread-1-consumer", "fleetpulse.scrapes.v1", 0, 0);
    assertEquals(PartitionLag.CAUGHT_UP, lag.partitionLag(inputs, 0));
    lag(metrics, "app-StreamThread-1-consumer", "fleetpulse.requests.v1", 0, 12);
    assertEquals(PartitionLag.BEHIND, lag.partitionLag(inputs, 0), "its events are behind");
    lag(metrics, "app-StreamThread-1-restore-consumer", "fleetpulse.scrapes.v1", 1, 5);
    assertEquals(
        PartitionLag.UNKNOWN, lag.partitionLag(inputs, 1), "a restore consumer says nothing");
  }

  static void lag(
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
