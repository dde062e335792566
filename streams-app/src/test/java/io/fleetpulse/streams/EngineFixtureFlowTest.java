package io.fleetpulse.streams;

import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.NodeStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each engine's real-format fixture, scraped twice with known increases in between (at 1 s and 6 s,
 * both in the window [0 s, 10 s)), flows through the topology to the right canonical values; what
 * the engine cannot provide is absent, not zero.
 */
class EngineFixtureFlowTest {

  private static final double EPSILON = 1e-9;
  private static final String VALIDATION_ERROR = "validation";

  @TempDir Path stateDir;

  @Test
  void vllm() {
    FleetWindow fleet =
        twoScrapes(
            "vllm",
            FixtureScrapes.of("vllm")
                .add("vllm:generation_tokens_total", 500)
                .add("vllm:prompt_tokens_total", 2000)
                .add("vllm:request_success_total", Map.of("finished_reason", "stop"), 10)
                .add("vllm:request_success_total", Map.of("finished_reason", "length"), 2)
                .add("vllm:request_success_total", Map.of("finished_reason", "abort"), 1)
                .add("vllm:num_preemptions_total", 3)
                .add("vllm:prefix_cache_hits_total", 300)
                .add("vllm:prefix_cache_queries_total", 1000)
                .set("vllm:kv_cache_usage_perc", 0.5)
                .observe("vllm:time_to_first_token_seconds", 0.3, 10)
                .observe("vllm:inter_token_latency_seconds", 0.02, 100)
                .observe("vllm:e2e_request_latency_seconds", 3.0, 4)
                .observe("vllm:request_queue_time_seconds", 0.05, 2));

    // The node was observed over (1 s, 6 s]: rates are per observed second.
    assertEquals(100.0, fleet.getGenerationTokensPerSecond(), EPSILON);
    assertEquals(400.0, fleet.getPromptTokensPerSecond(), EPSILON);
    assertEquals(
        Map.of("stop", 2.0, "length", 0.4, "abort", 0.2, "error", 0.0),
        fleet.getRequestsPerSecond());
    assertEquals(0.6, fleet.getPreemptionsPerSecond(), EPSILON);
    assertEquals(0.3, fleet.getPrefixCacheHitRatio(), EPSILON);
    assertEquals(14.0, fleet.getRequestsRunningSum(), EPSILON);
    assertEquals(3.0, fleet.getRequestsWaitingSum(), EPSILON);
    assertEquals(0.5, fleet.getKvCacheUsageMax(), EPSILON);
    assertNull(fleet.getGenerationComputeSecondsPerToken());
    Map<String, Double> latency = histogramQuantiles(fleet);
    // Ten TTFTs in (0.25, 0.5]: rank q * 10 interpolated across that bucket.
    assertEquals(0.25 + 0.25 * 0.5, latency.get("time_to_first_token@0.5"), EPSILON);
    assertEquals(0.25 + 0.25 * 0.99, latency.get("time_to_first_token@0.99"), EPSILON);
    assertEquals(0.01 + 0.015 * 0.5, latency.get("inter_token_latency@0.5"), EPSILON);
    assertEquals(2.5 + 2.5 * 0.5, latency.get("e2e_request_latency@0.5"), EPSILON);
    assertEquals(0.1 * 0.5, latency.get("queue_time@0.5"), EPSILON);
    assertEquals(16, latency.size(), "four quantiles of four families: " + latency);
    assertTrue(fleet.getLatency().stream().allMatch(q -> q.getSource().equals("histogram")));
  }

  @Test
  void tgiCountsTokensByItsHistogramSumsAndHasNoTtftKvOrPreemptions() {
    FleetWindow fleet =
        twoScrapes(
            "tgi",
            FixtureScrapes.of("tgi")
                .addToSum("tgi_request_generated_tokens", 1234)
                .addToSum("tgi_request_input_length", 5678)
                .add("tgi_request_success", 10)
                .add("tgi_request_failure", Map.of("err", VALIDATION_ERROR), 2)
                .observe("tgi_request_duration", 1.0, 5)
                .observe("tgi_request_mean_time_per_token_duration", 0.02, 5)
                .observe("tgi_request_queue_duration", 0.01, 5));

    assertEquals(246.8, fleet.getGenerationTokensPerSecond(), EPSILON);
    assertEquals(1135.6, fleet.getPromptTokensPerSecond(), EPSILON);
    assertEquals(Map.of("success", 2.0, "error", 0.4), fleet.getRequestsPerSecond());
    assertEquals(12.0, fleet.getRequestsRunningSum(), EPSILON);
    assertEquals(3.0, fleet.getRequestsWaitingSum(), EPSILON);
    assertNull(fleet.getKvCacheUsageMax());
    assertNull(fleet.getPreemptionsPerSecond());
    assertNull(fleet.getPrefixCacheHitRatio());
    Map<String, Double> latency = histogramQuantiles(fleet);
    // TGI's duration buckets are 0.0001 * 1.5^k: 1.0 s falls in k = 23, 0.02 s in k = 14, 0.01 s in
    // k = 12.
    assertEquals(
        midpoint(tgiBound(22), tgiBound(23)), latency.get("e2e_request_latency@0.5"), EPSILON);
    assertEquals(
        midpoint(tgiBound(13), tgiBound(14)), latency.get("inter_token_latency@0.5"), EPSILON);
    assertEquals(midpoint(tgiBound(11), tgiBound(12)), latency.get("queue_time@0.5"), EPSILON);
    assertTrue(
        latency.keySet().stream().noneMatch(key -> key.startsWith("time_to_first_token")),
        latency.toString());
  }

  @Test
  void llamaCppGivesMeanComputeTimePerTokenAndNoLatencyRequestsOrKv() {
    FixtureScrapes second =
        FixtureScrapes.of("llamacpp")
            .add("llamacpp:tokens_predicted_total", 400)
            .add("llamacpp:prompt_tokens_total", 100)
            .add("llamacpp:tokens_predicted_seconds_total", 8)
            .set("llamacpp:requests_processing", 2)
            .set("llamacpp:requests_deferred", 1);
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      FleetWindow fleet = twoScrapes(harness, "llamacpp", second);

      assertEquals(80.0, fleet.getGenerationTokensPerSecond(), EPSILON);
      assertEquals(20.0, fleet.getPromptTokensPerSecond(), EPSILON);
      assertEquals(8.0 / 400, fleet.getGenerationComputeSecondsPerToken(), EPSILON);
      assertEquals(2.0, fleet.getRequestsRunningSum(), EPSILON);
      assertEquals(1.0, fleet.getRequestsWaitingSum(), EPSILON);
      assertNull(fleet.getKvCacheUsageMax(), "current llama.cpp builds no longer expose KV usage");
      assertNull(fleet.getRequestsPerSecond());
      assertNull(fleet.getPreemptionsPerSecond());
      assertNull(fleet.getPrefixCacheHitRatio());
      assertEquals(List.of(), fleet.getLatency());
      NodeStats interval = harness.nodeStats().get(1).value;
      assertEquals(8.0 / 400, interval.getGenerationComputeSecondsPerToken(), EPSILON);
      assertEquals(400 / 5.0, interval.getGenerationTokensPerSecond(), EPSILON);
    }
  }

  @Test
  void sglangTakesItsHitRatioFromCachedTokensAndKeepsRetractionsAGauge() {
    FixtureScrapes second =
        FixtureScrapes.of("sglang")
            .add("sglang:generation_tokens_total", 300)
            .add("sglang:prompt_tokens_total", 1000)
            .add("sglang:cached_tokens_total", 250)
            .set("sglang:num_retracted_reqs", 2)
            .observe("sglang:time_to_first_token_seconds", 0.5, 10);
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      FleetWindow fleet = twoScrapes(harness, "sglang", second);

      assertEquals(60.0, fleet.getGenerationTokensPerSecond(), EPSILON);
      assertEquals(200.0, fleet.getPromptTokensPerSecond(), EPSILON);
      assertEquals(0.25, fleet.getPrefixCacheHitRatio(), EPSILON);
      assertEquals(14.0, fleet.getRequestsRunningSum(), EPSILON);
      assertEquals(3.0, fleet.getRequestsWaitingSum(), EPSILON);
      assertEquals(0.72, fleet.getKvCacheUsageMax(), EPSILON);
      assertNull(
          fleet.getPreemptionsPerSecond(),
          "retractions are a gauge, not a count to take a rate of");
      assertNull(fleet.getRequestsPerSecond());
      assertEquals(
          0.4 + 0.2 * 0.5, histogramQuantiles(fleet).get("time_to_first_token@0.5"), EPSILON);
      assertEquals(2.0, harness.nodeStats().get(1).value.getRequestsRetracted(), EPSILON);
    }
  }

  private FleetWindow twoScrapes(String engine, FixtureScrapes second) {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      return twoScrapes(harness, engine, second);
    }
  }

  private static FleetWindow twoScrapes(
      TopologyHarness harness, String engine, FixtureScrapes second) {
    harness.pipe(FixtureScrapes.of(engine).scrape("c1", "n1:8000", ms(1)));
    harness.pipe(second.scrape("c1", "n1:8000", ms(6)));
    harness.closeAllWindows();
    FleetWindow fleet = harness.window("fleet/10s", 0);
    assertEquals(1, fleet.getNodesUp());
    return fleet;
  }

  private static Map<String, Double> histogramQuantiles(FleetWindow window) {
    return window.getLatency().stream()
        .filter(q -> q.getSource().equals("histogram"))
        .collect(
            Collectors.toMap(
                q -> q.getFamily() + "@" + q.getQuantile(), LatencyQuantile::getValue));
  }

  private static double tgiBound(int k) {
    return 0.0001 * Math.pow(1.5, k);
  }

  private static double midpoint(double lower, double upper) {
    return lower + (upper - lower) * 0.5;
  }
}
