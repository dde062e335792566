package io.fleetpulse.collector.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.EngineFixtures;
import io.fleetpulse.collector.parse.TextFormatParser;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EngineFamiliesTest {

  /** Every family engine-metrics.md's canonical mapping reads, in current and older spellings. */
  private static final List<String> CANONICAL =
      List.of(
          "vllm:prompt_tokens_total",
          "vllm:generation_tokens_total",
          "vllm:time_to_first_token_seconds",
          "vllm:inter_token_latency_seconds",
          "vllm:time_per_output_token_seconds",
          "vllm:e2e_request_latency_seconds",
          "vllm:request_queue_time_seconds",
          "vllm:num_requests_waiting",
          "vllm:num_requests_running",
          "vllm:kv_cache_usage_perc",
          "vllm:gpu_cache_usage_perc",
          "vllm:num_preemptions_total",
          "vllm:prefix_cache_hits_total",
          "vllm:prefix_cache_queries_total",
          "vllm:gpu_prefix_cache_hits_total",
          "vllm:request_success_total",
          "tgi_request_input_length",
          "tgi_request_generated_tokens",
          "tgi_request_queue_duration",
          "tgi_batch_inference_duration",
          "tgi_request_mean_time_per_token_duration",
          "tgi_request_duration",
          "tgi_queue_size",
          "tgi_batch_current_size",
          "tgi_request_success",
          "tgi_request_failure",
          "llamacpp:prompt_tokens_total",
          "llamacpp:tokens_predicted_total",
          "llamacpp:tokens_predicted_seconds_total",
          "llamacpp:requests_deferred",
          "llamacpp:requests_processing",
          "llamacpp:kv_cache_usage_ratio",
          "sglang:prompt_tokens_total",
          "sglang:generation_tokens_total",
          "sglang:time_to_first_token_seconds",
          "sglang:inter_token_latency_seconds",
          "sglang:e2e_request_latency_seconds",
          "sglang:queue_time_seconds",
          "sglang:num_queue_reqs",
          "sglang:num_running_reqs",
          "sglang:token_usage",
          "sglang:num_retracted_reqs",
          "sglang:cache_hit_rate");

  private static MetricFamily family(String name) {
    return new MetricFamily(name, MetricType.GAUGE, null, List.of(), List.of());
  }

  private static String engineOf(String family) {
    for (String prefix : List.of("vllm:", "tgi_", "llamacpp:", "sglang:")) {
      if (family.startsWith(prefix)) {
        return prefix.substring(0, prefix.length() - 1);
      }
    }
    return "none";
  }

  @Test
  void theDefaultOfEachEngineKeepsEveryCanonicalFamilyOfAnyVersion() {
    for (String family : CANONICAL) {
      assertTrue(EngineFamilies.defaultFor(engineOf(family)).keeps(family(family)), family);
    }
  }

  @Test
  void aKnownEngineKeepsOnlyItsOwnFamiliesFromItsFixture() {
    TextFormatParser parser = new TextFormatParser();
    for (String engine : List.of("vllm", "tgi", "llamacpp", "sglang")) {
      List<MetricFamily> parsed = parse(parser, engine);
      List<MetricFamily> kept = EngineFamilies.defaultFor(engine).apply(parsed);
      assertTrue(kept.stream().allMatch(f -> engineOf(f.getName()).equals(engine)), engine);
      assertEquals(
          parsed.stream().filter(f -> engineOf(f.getName()).equals(engine)).count(),
          kept.size(),
          engine);
    }
    // 44 vLLM families less 3 python_gc_*, python_info, 6 process_* and http_requests_total.
    assertEquals(33, EngineFamilies.defaultFor("vllm").apply(parse(parser, "vllm")).size());
  }

  @Test
  void anUnknownServerLosesOnlyTheRuntimeNoise() {
    FamilyFilter unknown = EngineFamilies.defaultFor(EngineDetector.UNKNOWN);

    Set<String> dropped =
        Set.of(
            "python_gc_objects_collected_total",
            "python_info",
            "process_open_fds",
            "http_requests_total",
            "http_request_duration_seconds");
    assertEquals(
        Set.of(),
        dropped.stream().filter(name -> unknown.keeps(family(name))).collect(Collectors.toSet()));
    assertTrue(unknown.keeps(family("node_load1")));
    assertTrue(unknown.keeps(family("python_information")));
    assertTrue(unknown.keeps(family("my_process_time")));
    assertFalse(unknown.keeps(family("process_resident_memory_bytes")));
  }

  private static List<MetricFamily> parse(TextFormatParser parser, String engine) {
    try {
      return parser.parse(EngineFixtures.read(engine));
    } catch (Exception e) {
      throw new AssertionError(engine + " fixture does not parse", e);
    }
  }
}
