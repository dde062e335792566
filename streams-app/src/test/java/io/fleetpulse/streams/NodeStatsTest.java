package io.fleetpulse.streams;

import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fleetpulse.schemas.NodeStats;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-node drill-down record: one per scrape, with rates over the interval since the previous
 * good one.
 */
class NodeStatsTest {

  private static final double EPSILON = 1e-9;
  private static final List<Double> BOUNDS = List.of(0.1, 0.5, 1.0);

  @TempDir Path stateDir;

  @Test
  void everyScrapeGivesOneRecordAndRatesCoverTheIntervalSinceTheLastGoodScrape() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(
          Scrapes.vllm("c1", "a:8000", ms(1))
              .generation(0, 100)
              .running(0, 2)
              .kvUsage(0, 0.4)
              .histogram("vllm:e2e_request_latency_seconds", 0, BOUNDS, List.of(0.0, 0.0, 0.0, 0.0))
              .build());
      harness.pipe(Scrapes.down("c1", "a:8000", ms(3)));
      harness.pipe(
          Scrapes.vllm("c1", "a:8000", ms(5))
              .generation(0, 300)
              .running(0, 3)
              .kvUsage(0, 0.6)
              .histogram("vllm:e2e_request_latency_seconds", 0, BOUNDS, List.of(0.0, 4.0, 4.0, 4.0))
              .build());

      List<KeyValue<String, NodeStats>> records = harness.nodeStats();

      assertEquals(
          List.of("c1/a:8000", "c1/a:8000", "c1/a:8000"),
          records.stream().map(kv -> kv.key).toList());
      NodeStats first = records.get(0).value;
      assertNull(first.getIntervalStartMs(), "a node's first scrape has no interval");
      assertNull(first.getGenerationTokensPerSecond());
      assertEquals(2.0, first.getRequestsRunning(), EPSILON);
      assertEquals("vllm", first.getEngine());
      assertEquals(Scrapes.MODEL, first.getModel());

      NodeStats down = records.get(1).value;
      assertFalse(down.getUp());
      assertEquals("connection refused", down.getError());
      assertNull(down.getRequestsRunning());
      assertEquals(
          Scrapes.MODEL, down.getModel(), "a failed scrape keeps the node's last known model");

      NodeStats second = records.get(2).value;
      assertEquals(Scrapes.BASE.plusSeconds(1), second.getIntervalStartMs());
      assertEquals(Scrapes.BASE.plusSeconds(5), second.getTimestampMs());
      assertEquals(200 / 4.0, second.getGenerationTokensPerSecond(), EPSILON);
      assertNull(second.getPromptTokensPerSecond(), "the node does not expose prompt tokens");
      assertEquals(0.6, second.getKvCacheUsage(), EPSILON);
      // Four requests in (0.1, 0.5]: the median is halfway through it.
      assertEquals(
          0.3,
          second.getLatency().stream()
              .filter(q -> q.getFamily().equals("e2e_request_latency") && q.getQuantile() == 0.5)
              .findFirst()
              .orElseThrow()
              .getValue(),
          EPSILON);
      assertEquals(3, harness.metrics().recordsOut(StreamsAppMetrics.NODE_STATS));
    }
  }
}
