package io.fleetpulse.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.streams.rollup.RollupTopology;
import io.fleetpulse.streams.signal.SignalTopology;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.Test;

class FleetTopologyTest {

  @Test
  void everyProcessorStoreAndTopicHasAGivenName() {
    TopologyDescription description =
        FleetTopology.build(TopologyHarness.TOPICS, StreamsAppConfig.defaults()).describe();

    Set<String> names = new HashSet<>();
    Set<String> stores = new HashSet<>();
    Set<String> topics = new HashSet<>();
    for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
      for (TopologyDescription.Node node : subtopology.nodes()) {
        names.add(node.name());
        if (node instanceof TopologyDescription.Processor processor) {
          stores.addAll(processor.stores());
        } else if (node instanceof TopologyDescription.Source source) {
          topics.addAll(source.topicSet());
        } else if (node instanceof TopologyDescription.Sink sink) {
          topics.add(sink.topic());
        }
      }
    }
    for (String name : names) {
      assertTrue(
          !name.startsWith("KSTREAM-") && !name.startsWith("KTABLE-"), "generated name " + name);
    }
    assertEquals(
        Set.of(
            FleetTopology.NODE_STATE_STORE,
            FleetTopology.EVENT_LATENCY_STORE,
            FleetTopology.PARTIAL_STORE,
            FleetTopology.WINDOW_STORE,
            FleetTopology.WATERMARK_STORE,
            SignalTopology.DETECTOR_STORE,
            SignalTopology.NODE_DOWN_STORE,
            SignalTopology.PEER_LATEST_STORE,
            SignalTopology.SLOW_NODE_STORE,
            RollupTopology.PROGRESS_STORE,
            "rollup-1m-windows",
            "rollup-1h-windows",
            "rollup-1d-windows"),
        stores);
    assertEquals(
        Set.of(
            TopologyHarness.TOPICS.scrapes(),
            TopologyHarness.TOPICS.requests(),
            TopologyHarness.TOPICS.deadLetter(),
            TopologyHarness.TOPICS.fleetStats(),
            TopologyHarness.TOPICS.nodeStats(),
            TopologyHarness.TOPICS.signals(),
            TopologyHarness.TOPICS.rollup("1m"),
            TopologyHarness.TOPICS.rollup("1h"),
            TopologyHarness.TOPICS.rollup("1d"),
            FleetTopology.SCOPE_PARTIALS_REPARTITION + "-repartition",
            SignalTopology.PEER_WINDOWS_REPARTITION + "-repartition"),
        topics);
    // The node-keyed stage of both inputs and the scope-keyed aggregation with its rollup tiers;
    // then the detectors: on
    // closed windows,
    // on node stats, and on node windows re-keyed by model for the slow-node peers.
    assertEquals(5, description.subtopologies().size(), description.toString());
  }

  @Test
  void theAppRunsExactlyOnceWithTheConfiguredResources() {
    StreamsAppConfig config = new StreamsAppConfig("app", null, null, 3, "/tmp/fp-state", 2, null);
    Properties props =
        StreamsProperties.of(
            KafkaConnection.plaintext("broker:9092"), TopologyHarness.TOPICS, config);

    assertEquals("app", props.get(StreamsConfig.APPLICATION_ID_CONFIG));
    assertEquals("broker:9092", props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    assertEquals(
        StreamsConfig.EXACTLY_ONCE_V2, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    assertEquals(
        LogAndContinueExceptionHandler.class,
        props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));
    assertEquals(
        TopologyHarness.TOPICS.deadLetter(),
        props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
    assertEquals("/tmp/fp-state", props.get(StreamsConfig.STATE_DIR_CONFIG));
    assertEquals(3, props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
    assertEquals(2, props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
    assertEquals(200L, props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    assertEquals(16L * 1024 * 1024, props.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG));
    assertEquals(1000L, props.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG));
  }
}
