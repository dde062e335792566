package io.fleetpulse.sink;

import static io.fleetpulse.sink.TestWindows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.sink.exposition.WindowMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class SinkExporterTest {

  private static final Topics TOPICS = Topics.withDefaultPrefix();
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

  private final MutableClock clock = MutableClock.of(T, ZoneOffset.UTC);
  private final ScriptedConsumer kafka = new ScriptedConsumer();
  private final HttpClient http = HttpClient.newHttpClient();
  private SinkExporter exporter;

  @BeforeEach
  void start() throws IOException {
    SinkConfig config =
        new SinkConfig("127.0.0.1:0", Duration.ofMinutes(5), null, null, null, null);
    exporter = new SinkExporter(TOPICS, config, clock, () -> kafka);
    exporter.start();
  }

  @AfterEach
  void stop() {
    exporter.close();
  }

  @Test
  void servesTheLatestWindowOfEachScopeWithExactlyItsLabels() throws Exception {
    exporter.latest().offer(busyFleet(T.minusSeconds(5)));
    exporter
        .latest()
        .offer(
            window("cluster", "1m", T.minusSeconds(30))
                .setCluster("us-east")
                .setModel("ignored-for-cluster-scope")
                .setGenerationTokensPerSecond(2500.0)
                .setNodesUp(4)
                .build());
    exporter
        .latest()
        .offer(
            window("node", "10s", T.minusSeconds(5))
                .setCluster("eu-west")
                .setModel("llama-8b")
                .setEngine("vllm")
                .setNode("10.0.0.7:8000")
                .setRequestsWaitingMax(0.0)
                .setKvCacheUsageMax(0.25)
                .setNodesDown(1)
                .build());

    List<String> lines = scrape();

    assertSeries(
        lines,
        "fleetpulse_tokens_per_second",
        "fleetpulse_tokens_per_second{cluster=\"us-east\",direction=\"generation\",scope=\"cluster\",window=\"1m\"} 2500.0",
        "fleetpulse_tokens_per_second{direction=\"generation\",scope=\"fleet\",window=\"10s\"} 5120.5",
        "fleetpulse_tokens_per_second{direction=\"prompt\",scope=\"fleet\",window=\"10s\"} 20480.0");
    assertSeries(
        lines,
        "fleetpulse_requests_running",
        "fleetpulse_requests_running{scope=\"fleet\",stat=\"max\",window=\"10s\"} 14.0",
        "fleetpulse_requests_running{scope=\"fleet\",stat=\"sum\",window=\"10s\"} 96.0");
    assertSeries(
        lines,
        "fleetpulse_requests_waiting",
        "fleetpulse_requests_waiting{cluster=\"eu-west\",engine=\"vllm\",model=\"llama-8b\",node=\"10.0.0.7:8000\",scope=\"node\",stat=\"max\",window=\"10s\"} 0.0",
        "fleetpulse_requests_waiting{scope=\"fleet\",stat=\"max\",window=\"10s\"} 2.0",
        "fleetpulse_requests_waiting{scope=\"fleet\",stat=\"sum\",window=\"10s\"} 3.0");
    assertSeries(
        lines,
        "fleetpulse_kv_cache_usage_ratio",
        "fleetpulse_kv_cache_usage_ratio{cluster=\"eu-west\",engine=\"vllm\",model=\"llama-8b\",node=\"10.0.0.7:8000\",scope=\"node\",stat=\"max\",window=\"10s\"} 0.25",
        "fleetpulse_kv_cache_usage_ratio{scope=\"fleet\",stat=\"max\",window=\"10s\"} 0.91",
        "fleetpulse_kv_cache_usage_ratio{scope=\"fleet\",stat=\"mean\",window=\"10s\"} 0.42",
        "fleetpulse_kv_cache_usage_ratio{scope=\"fleet\",stat=\"p90\",window=\"10s\"} 0.85");
    assertSeries(
        lines,
        "fleetpulse_nodes",
        "fleetpulse_nodes{cluster=\"eu-west\",engine=\"vllm\",model=\"llama-8b\",node=\"10.0.0.7:8000\",scope=\"node\",state=\"down\",window=\"10s\"} 1.0",
        "fleetpulse_nodes{cluster=\"eu-west\",engine=\"vllm\",model=\"llama-8b\",node=\"10.0.0.7:8000\",scope=\"node\",state=\"up\",window=\"10s\"} 0.0",
        "fleetpulse_nodes{cluster=\"us-east\",scope=\"cluster\",state=\"down\",window=\"1m\"} 0.0",
        "fleetpulse_nodes{cluster=\"us-east\",scope=\"cluster\",state=\"up\",window=\"1m\"} 4.0",
        "fleetpulse_nodes{scope=\"fleet\",state=\"down\",window=\"10s\"} 1.0",
        "fleetpulse_nodes{scope=\"fleet\",state=\"up\",window=\"10s\"} 7.0");
    assertSeries(
        lines,
        "fleetpulse_window_end_timestamp_seconds",
        "fleetpulse_window_end_timestamp_seconds{cluster=\"eu-west\",engine=\"vllm\",model=\"llama-8b\",node=\"10.0.0.7:8000\",scope=\"node\",window=\"10s\"} 1.740830395E9",
        "fleetpulse_window_end_timestamp_seconds{cluster=\"us-east\",scope=\"cluster\",window=\"1m\"} 1.74083037E9",
        "fleetpulse_window_end_timestamp_seconds{scope=\"fleet\",window=\"10s\"} 1.740830395E9");
    assertTrue(
        lines.contains("fleetpulse_sink_series{kind=\"window\"} 3.0"),
        () -> String.join("\n", lines));
  }

  @Test
  void everyFamilyHasAHelpText() throws Exception {
    exporter.latest().offer(busyFleet(T));

    List<String> lines = scrape();

    List<String> families = new ArrayList<>();
    WindowMetrics.ALL.forEach(metric -> families.add(metric.name()));
    families.addAll(
        List.of(
            "fleetpulse_signal_active",
            "fleetpulse_sink_records_consumed_total",
            "fleetpulse_sink_decode_failures_total",
            "fleetpulse_sink_records_dropped_total",
            "fleetpulse_sink_series",
            "fleetpulse_sink_exported_nodes"));
    for (String family : families) {
      assertTrue(
          lines.stream().anyMatch(line -> line.matches("# HELP " + family + " \\S.*")),
          family + " has no HELP in:\n" + String.join("\n", lines));
    }
  }

  @Test
  void aScopeThatStoppedReportingDisappears() throws Exception {
    exporter
        .latest()
        .offer(window("cluster", "10s", T).setCluster("us-east").setNodesUp(3).build());
    exporter
        .latest()
        .offer(window("fleet", "10s", T.plus(Duration.ofMinutes(4))).setNodesUp(5).build());

    clock.add(Duration.ofMinutes(6));
    List<String> lines = scrape();

    assertSeries(
        lines,
        "fleetpulse_nodes",
        "fleetpulse_nodes{scope=\"fleet\",state=\"down\",window=\"10s\"} 0.0",
        "fleetpulse_nodes{scope=\"fleet\",state=\"up\",window=\"10s\"} 5.0");
    assertTrue(
        lines.contains("fleetpulse_sink_series{kind=\"window\"} 1.0"),
        () -> String.join("\n", lines));
  }

  @Test
  void consumedRecordsAndDecodeFailuresAreCountedOnTheEndpoint() throws Exception {
    String topic = TOPICS.fleetStats();
    kafka.createTopic(topic, 1, 0);
    kafka.schedulePollTask(() -> kafka.addRecord(undecodable(topic, T)));
    clock.add(Duration.ofSeconds(42));

    List<String> lines =
        scrapeUntil(
            "fleetpulse_sink_decode_failures_total{topic=\"fleetpulse.fleet-stats.v1\"} 1.0");

    assertTrue(
        lines.contains(
            "fleetpulse_sink_records_consumed_total{topic=\"fleetpulse.fleet-stats.v1\"} 1.0"),
        String.join("\n", lines));
    assertTrue(
        lines.contains(
            "fleetpulse_sink_last_record_age_seconds{topic=\"fleetpulse.fleet-stats.v1\"} 42.0"),
        String.join("\n", lines));
  }

  @Test
  void everyHealthCounterIsThereFromZeroBeforeAnyRecord() throws Exception {
    List<String> lines = scrape();

    for (String topic : List.of("fleetpulse.fleet-stats.v1", "fleetpulse.signals.v1")) {
      assertTrue(
          lines.contains("fleetpulse_sink_records_consumed_total{topic=\"" + topic + "\"} 0.0"),
          String.join("\n", lines));
      assertTrue(
          lines.contains("fleetpulse_sink_decode_failures_total{topic=\"" + topic + "\"} 0.0"),
          String.join("\n", lines));
    }
    assertTrue(
        lines.contains("fleetpulse_sink_records_dropped_total{reason=\"max_nodes\"} 0.0"),
        String.join("\n", lines));
    assertTrue(
        lines.contains("fleetpulse_sink_records_dropped_total{reason=\"node_scope_disabled\"} 0.0"),
        String.join("\n", lines));
    assertTrue(lines.contains("fleetpulse_sink_exported_nodes 0.0"), String.join("\n", lines));
  }

  @Test
  void listensOnAnEphemeralPortWhenAskedForPortZero() {
    assertTrue(exporter.port() > 0);
  }

  private static FleetWindow busyFleet(Instant end) {
    return window("fleet", "10s", end)
        .setGenerationTokensPerSecond(5120.5)
        .setPromptTokensPerSecond(20480.0)
        .setRequestsRunningSum(96.0)
        .setRequestsRunningMax(14.0)
        .setRequestsWaitingSum(3.0)
        .setRequestsWaitingMax(2.0)
        .setKvCacheUsageMean(0.42)
        .setKvCacheUsageMax(0.91)
        .setKvCacheUsageP90(0.85)
        .setNodesUp(7)
        .setNodesDown(1)
        .setRequestsPerSecond(Map.of("stop", 9.5, "length", 1.5))
        .setPreemptionsPerSecond(0.1)
        .setPrefixCacheHitRatio(0.3)
        .setGenerationComputeSecondsPerToken(0.02)
        .setLatency(
            List.of(
                new LatencyQuantile("time_to_first_token", "histogram", 0.99, 0.8),
                new LatencyQuantile("inter_token_latency", "events", 0.5, 0.02),
                new LatencyQuantile("e2e_request_latency", "histogram", 0.5, 4.0),
                new LatencyQuantile("queue_time", "events", 0.9, 0.3)))
        .build();
  }

  private static ConsumerRecord<byte[], byte[]> undecodable(String topic, Instant timestamp) {
    byte[] value = {9, 9, 9};
    return new ConsumerRecord<>(
        topic,
        0,
        0,
        timestamp.toEpochMilli(),
        TimestampType.CREATE_TIME,
        0,
        value.length,
        null,
        value,
        new RecordHeaders(),
        Optional.empty());
  }

  private static void assertSeries(List<String> lines, String family, String... expected) {
    List<String> samples =
        lines.stream()
            .filter(line -> line.startsWith(family + "{") || line.startsWith(family + " "))
            .toList();
    assertEquals(List.of(expected), samples);
  }

  private List<String> scrape() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body().lines().toList();
  }

  private List<String> scrapeUntil(String line) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<String> lines = scrape();
      if (lines.contains(line)) {
        return lines;
      }
      Thread.sleep(20);
    }
    return fail("no '" + line + "' on /metrics within 20 s:\n" + String.join("\n", scrape()));
  }
}
