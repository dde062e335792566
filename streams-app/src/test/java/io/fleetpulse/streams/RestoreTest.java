package io.fleetpulse.streams;

import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.Scrapes.vllm;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.streams.state.NodeState;
import io.fleetpulse.streams.state.PendingLatencies;
import io.fleetpulse.streams.state.ScopeAggregate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything the topology remembers is in its changelogs: an instance rebuilt from them alone (a
 * lost disk, a task moved to another instance) continues counting where the first one stopped and
 * emits no window twice.
 */
class RestoreTest {

  private static final Map<String, Deserializer<?>> STORES =
      Map.of(
          FleetTopology.NODE_STATE_STORE, new AvroSerde<>(NodeState.class).deserializer(),
          FleetTopology.EVENT_LATENCY_STORE, new AvroSerde<>(PendingLatencies.class).deserializer(),
          FleetTopology.PARTIAL_STORE, new AvroSerde<>(ScopeAggregate.class).deserializer(),
          FleetTopology.WINDOW_STORE, new AvroSerde<>(ScopeAggregate.class).deserializer(),
          FleetTopology.WATERMARK_STORE, Serdes.Long().deserializer());

  @TempDir Path firstStateDir;
  @TempDir Path secondStateDir;

  @Test
  void anInstanceRestoredFromTheChangelogsCarriesOnExactly() {
    // A counter growing 10 tokens a second since 1 s, scraped up to 21 s before the restart and at
    // 31 s after it;
    // a request that finished at 24 s is still held by the event stage when the first instance
    // stops.
    Map<String, Map<String, Object>> changelogs;
    try (TopologyHarness before = new TopologyHarness(firstStateDir, seconds(10))) {
      before.pipe(vllm("c1", "a:8000", ms(1)).generation(0, 0).build());
      before.pipe(vllm("c1", "a:8000", ms(6)).generation(0, 50).build());
      before.pipe(vllm("c1", "a:8000", ms(12)).generation(0, 110).build());
      before.pipe(vllm("c1", "a:8000", ms(21)).generation(0, 200).build());
      before.pipeEvents(List.of(Events.event("c1", "a:8000", ms(22), null, null, 2.0, 2)));
      assertEquals(
          List.of(10.0, 10.0),
          rates(before.windows("fleet/10s")),
          "the scrape at 21 s completed [0 s, 10 s) and [10 s, 20 s), and only those");
      changelogs = readChangelogs(before.driver());
    }

    try (TopologyHarness after = new TopologyHarness(secondStateDir, seconds(10))) {
      restore(after.driver(), changelogs);
      after.pipe(vllm("c1", "a:8000", ms(31)).generation(0, 300).build());
      after.pipe(vllm("c1", "b:8000", ms(9)).generation(0, 1).build());
      after.closeAllWindows();

      // [0, 10) and [10, 20) are not emitted again, and a contribution to the first is late; [20,
      // 30) holds pieces
      // counted before and after the restart, the latter continuing from the restored counter
      // value.
      List<FleetWindow> windows = after.windows("fleet/10s");
      assertEquals(Scrapes.BASE.plusSeconds(20), windows.get(0).getWindowStartMs());
      assertEquals(List.of(10.0, 10.0), rates(windows));
      assertEquals(100.0, windows.get(0).getGenerationTokens(), 1e-9);
      assertTrue(after.lateSlicesDropped() > 0);
      assertEquals(
          List.of("events"),
          windows.get(0).getLatency().stream()
              .filter(q -> q.getFamily().equals("e2e_request_latency") && q.getQuantile() == 0.5)
              .map(q -> q.getSource())
              .toList(),
          "the request held at the restart is handed on after it");
    }
  }

  private static Map<String, Map<String, Object>> readChangelogs(TopologyTestDriver driver) {
    Map<String, Map<String, Object>> changelogs = new LinkedHashMap<>();
    STORES.forEach(
        (store, values) -> {
          Map<String, Object> latest = new LinkedHashMap<>();
          for (KeyValue<String, ?> record :
              driver
                  .createOutputTopic(
                      TopologyHarness.APPLICATION_ID + "-" + store + "-changelog",
                      Serdes.String().deserializer(),
                      values)
                  .readKeyValuesToList()) {
            latest.put(record.key, record.value);
          }
          changelogs.put(store, latest);
        });
    return changelogs;
  }

  /**
   * What Kafka Streams does on restore: replays each changelog, the latest value per key, into its
   * store.
   */
  private static void restore(
      TopologyTestDriver driver, Map<String, Map<String, Object>> changelogs) {
    changelogs.forEach(
        (store, latest) -> {
          KeyValueStore<String, Object> target = driver.getKeyValueStore(store);
          latest.forEach(
              (key, value) -> {
                if (value == null) {
                  target.delete(key);
                } else {
                  target.put(key, value);
                }
              });
        });
  }

  private static List<Double> rates(List<FleetWindow> windows) {
    return windows.stream()
        .map(FleetWindow::getGenerationTokensPerSecond)
        .map(rate -> rate == null ? 0.0 : rate)
        .map(rate -> Math.round(rate * 1e9) / 1e9)
        .toList();
  }
}
