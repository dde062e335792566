package io.fleetpulse.streams.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.NodeStats;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.LatencySource;
import io.fleetpulse.schemas.contract.NodeKey;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.streams.state.DetectorState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detectors' sub-topology in a TopologyTestDriver: windows and node stats in, signals out. */
class SignalTopologyTest {

  private static final Topics TOPICS = new Topics("test");
  private static final List<String> STORES =
      List.of(
          SignalTopology.DETECTOR_STORE,
          SignalTopology.NODE_DOWN_STORE,
          SignalTopology.PEER_LATEST_STORE,
          SignalTopology.SLOW_NODE_STORE);

  @TempDir Path stateDir;
  @TempDir Path secondStateDir;

  @Test
  void scopesAboveNodePublishEveryEvaluationNodesOnlyWhatIsActive() {
    try (Driver driver = new Driver(stateDir)) {
      List<FleetWindow> windows = new SyntheticFleet(3, t -> 0.6 * SyntheticFleet.CAPACITY).run(60);
      windows.forEach(driver::pipe);
      List<KeyValue<String, Signal>> signals = driver.signals();
      List<KeyValue<String, Signal>> cluster =
          signals.stream().filter(signal -> signal.value.getScope().equals("cluster")).toList();
      // Six detectors read the cluster's windows (throughput, queue time, KV, capacity, preemption,
      // TTFT burn).
      assertEquals(60 * 6, cluster.size());
      assertTrue(
          cluster.stream().allMatch(signal -> signal.value.getState() == SignalState.INACTIVE));
      assertTrue(
          signals.stream().noneMatch(signal -> signal.value.getScope().equals("node")),
          "quiet nodes publish nothing");
      assertTrue(
          cluster.stream()
              .anyMatch(signal -> signal.key.equals("cluster/us-east/kv_cache_saturation")));
    }
  }

  @Test
  void windowsOfAnotherSizeOrBarelyObservedAreNotRead() {
    try (Driver driver = new Driver(stateDir)) {
      driver.pipe(
          TestWindows.cluster(0)
              .setGenerationTokensPerSecond(100.0)
              .setRequestsRunningSum(5.0)
              .setWindow("1m")
              .build());
      driver.pipe(
          TestWindows.cluster(1)
              .setGenerationTokensPerSecond(100.0)
              .setRequestsRunningSum(5.0)
              .setObservedRatio(0.5)
              .build());
      assertEquals(List.of(), driver.signals());
      driver.pipe(
          TestWindows.cluster(2)
              .setGenerationTokensPerSecond(100.0)
              .setRequestsRunningSum(5.0)
              .build());
      // Only throughput reads a window with tokens and running requests alone; the others lack
      // their inputs.
      assertEquals(
          List.of("cluster/us-east/throughput_drop"),
          driver.signals().stream().map(signal -> signal.key).toList());
    }
  }

  @Test
  void aNodeThatStopsAnsweringFiresAtItsSecondFailedScrapeAndResolvesWhenBack() {
    try (Driver driver = new Driver(stateDir)) {
      for (int scrape = 0; scrape < 10; scrape++) {
        driver.pipe(nodeStats(scrape, true));
      }
      assertEquals(List.of(), driver.signals(), "a healthy node publishes nothing");
      driver.pipe(nodeStats(10, false));
      driver.pipe(nodeStats(11, false));
      driver.pipe(nodeStats(12, false));
      driver.pipe(nodeStats(13, true));
      driver.pipe(nodeStats(14, true));
      driver.pipe(nodeStats(15, true));
      List<KeyValue<String, Signal>> signals = driver.signals();
      assertEquals(
          List.of(
              SignalState.PENDING,
              SignalState.FIRING,
              SignalState.FIRING,
              SignalState.RESOLVED,
              SignalState.INACTIVE),
          signals.stream().map(signal -> signal.value.getState()).toList());
      Signal firing = signals.get(1).value;
      assertEquals("node/us-east/llama-8b/10.0.0.1:8000/node_down", signals.get(1).key);
      assertEquals("10.0.0.1:8000", firing.getNode());
      assertEquals(
          scrapeMs(11), firing.getUpdatedMs().toEpochMilli(), "fires at the second failed scrape");
      assertEquals(scrapeMs(10), firing.getStartedMs().toEpochMilli(), "started at the first");
      assertEquals("critical", firing.getSeverity());
      assertTrue(firing.getReason().contains("connection refused"), firing.getReason());
    }
  }

  @Test
  void aSlowNodeIsNamedAgainstItsPeers() {
    try (Driver driver = new Driver(stateDir)) {
      for (int index = 0; index < 40; index++) {
        for (int node = 1; node <= 5; node++) {
          double itl = node == 4 ? 0.09 : 0.025 + 0.001 * node;
          FleetWindow.Builder window = TestWindows.node(index, "10.0.0." + node + ":8000");
          TestWindows.latency(
              window,
              LatencyFamily.INTER_TOKEN_LATENCY,
              LatencySource.HISTOGRAM,
              100,
              itl,
              itl * 1.5,
              itl * 1.7,
              itl * 2);
          driver.pipe(window.build());
        }
      }
      List<Signal> slow =
          driver.signals().stream()
              .map(signal -> signal.value)
              .filter(signal -> signal.getSignal().equals("slow_node"))
              .toList();
      assertTrue(
          slow.stream().anyMatch(signal -> signal.getState() == SignalState.FIRING), "fires");
      assertEquals(
          List.of("10.0.0.4:8000"), slow.stream().map(Signal::getNode).distinct().toList());
      Signal firing =
          slow.stream()
              .filter(signal -> signal.getState() == SignalState.FIRING)
              .findFirst()
              .orElseThrow();
      assertEquals(0.09 / 0.0275, firing.getValue(), 1e-9, "against the median of its four peers");
      assertTrue(firing.getReason().contains("10.0.0.4:8000"), firing.getReason());
    }
  }

  @Test
  void aRestartedSteadyFleetRaisesNothingAndKeepsItsHistory() {
    List<FleetWindow> windows = new SyntheticFleet(9, t -> 0.6 * SyntheticFleet.CAPACITY).run(180);
    List<KeyValue<String, Signal>> signals = new ArrayList<>();
    List<List<KeyValue<String, Object>>> stores = new ArrayList<>();
    try (Driver before = new Driver(stateDir)) {
      windows.subList(0, 120 * 5).forEach(before::pipe);
      signals.addAll(before.signals());
      STORES.forEach(name -> stores.add(before.entries(name)));
    }
    try (Driver after = new Driver(secondStateDir)) {
      for (int i = 0; i < STORES.size(); i++) {
        after.restore(STORES.get(i), stores.get(i));
      }
      DetectorState restored =
          (DetectorState)
              after.store(SignalTopology.DETECTOR_STORE).get("cluster/us-east/queue_time_rising");
      assertEquals(
          TestWindows.endMs(0), restored.getFirstMs(), "history carried over, no new warm-up");
      windows.subList(120 * 5, windows.size()).forEach(after::pipe);
      List<KeyValue<String, Signal>> afterRestart = after.signals();
      assertEquals(
          60 * 6,
          afterRestart.stream()
              .filter(signal -> signal.value.getScope().equals("cluster"))
              .count());
      signals.addAll(afterRestart);
    }
    List<Signal> raised =
        signals.stream()
            .map(signal -> signal.value)
            .filter(signal -> signal.getState() != SignalState.INACTIVE)
            .toList();
    assertTrue(
        raised.isEmpty(),
        () -> raised.stream().map(Signal::getReason).collect(Collectors.joining("; ")));
  }

  @Test
  void anUndecodableWindowIsSkipped() {
    try (Driver driver = new Driver(stateDir)) {
      driver.pipeRaw(new byte[] {1, 2, 3});
      driver.pipe(
          TestWindows.cluster(0)
              .setGenerationTokensPerSecond(100.0)
              .setRequestsRunningSum(5.0)
              .build());
      assertEquals(1, driver.signals().size());
    }
  }

  private static long scrapeMs(int scrape) {
    return TestWindows.BASE_MS + scrape * 5_000L;
  }

  private static NodeStats nodeStats(int scrape, boolean up) {
    return NodeStats.newBuilder()
        .setCluster(TestWindows.CLUSTER)
        .setNode("10.0.0.1:8000")
        .setModel(TestWindows.MODEL)
        .setEngine("vllm")
        .setTimestampMs(Instant.ofEpochMilli(scrapeMs(scrape)))
        .setUp(up)
        .setError(up ? null : "connection refused")
        .setLatency(new ArrayList<>())
        .build();
  }

  /** The sub-topology alone in a driver whose stores live under {@code stateDir}. */
  private static final class Driver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, FleetWindow> windows;
    private final TestInputTopic<String, byte[]> rawWindows;
    private final TestInputTopic<String, NodeStats> nodeStats;
    private final TestOutputTopic<String, Signal> signals;

    Driver(Path stateDir) {
      StreamsBuilder builder = new StreamsBuilder();
      SignalTopology.addTo(builder, TOPICS, SignalsConfig.defaults());
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "signals-test");
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      driver =
          new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(TestWindows.BASE_MS));
      windows =
          driver.createInputTopic(
              TOPICS.fleetStats(),
              Serdes.String().serializer(),
              new AvroSerde<>(FleetWindow.class).serializer());
      rawWindows =
          driver.createInputTopic(
              TOPICS.fleetStats(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
      nodeStats =
          driver.createInputTopic(
              TOPICS.nodeStats(),
              Serdes.String().serializer(),
              new AvroSerde<>(NodeStats.class).serializer());
      signals =
          driver.createOutputTopic(
              TOPICS.signals(),
              Serdes.String().deserializer(),
              new AvroSerde<>(Signal.class).deserializer());
    }

    void pipe(FleetWindow window) {
      String key =
          Scope.fromLabel(window.getScope())
                  .key(window.getCluster(), window.getModel(), window.getNode())
              + "/"
              + window.getWindow();
      windows.pipeInput(key, window, window.getWindowEndMs().toEpochMilli());
    }

    void pipeRaw(byte[] value) {
      rawWindows.pipeInput("cluster/us-east/10s", value, TestWindows.BASE_MS);
    }

    void pipe(NodeStats stats) {
      nodeStats.pipeInput(
          NodeKey.of(stats.getCluster(), stats.getNode()), stats, stats.getTimestampMs());
    }

    List<KeyValue<String, Signal>> signals() {
      return signals.readKeyValuesToList();
    }

    KeyValueStore<String, Object> store(String name) {
      return driver.getKeyValueStore(name);
    }

    List<KeyValue<String, Object>> entries(String name) {
      List<KeyValue<String, Object>> entries = new ArrayList<>();
      try (KeyValueIterator<String, Object> all = store(name).all()) {
        all.forEachRemaining(entries::add);
      }
      return entries;
    }

    /** What a new instance restores from the store's changelog. */
    void restore(String name, List<KeyValue<String, Object>> entries) {
      entries.forEach(entry -> store(name).put(entry.key, entry.value));
    }

    @Override
    public void close() {
      driver.close();
    }
  }
}
