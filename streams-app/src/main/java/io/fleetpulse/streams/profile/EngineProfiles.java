package io.fleetpulse.streams.profile;

import static io.fleetpulse.streams.profile.CanonicalCounter.GENERATION_COMPUTE_SECONDS;
import static io.fleetpulse.streams.profile.CanonicalCounter.GENERATION_COMPUTE_TOKENS;
import static io.fleetpulse.streams.profile.CanonicalCounter.GENERATION_TOKENS;
import static io.fleetpulse.streams.profile.CanonicalCounter.PREEMPTIONS;
import static io.fleetpulse.streams.profile.CanonicalCounter.PREFIX_CACHE_HITS;
import static io.fleetpulse.streams.profile.CanonicalCounter.PREFIX_CACHE_QUERIES;
import static io.fleetpulse.streams.profile.CanonicalCounter.PROMPT_TOKENS;
import static io.fleetpulse.streams.profile.CanonicalCounter.REQUESTS_FINISHED;
import static io.fleetpulse.streams.profile.CanonicalGauge.KV_CACHE_USAGE;
import static io.fleetpulse.streams.profile.CanonicalGauge.REQUESTS_RETRACTED;
import static io.fleetpulse.streams.profile.CanonicalGauge.REQUESTS_RUNNING;
import static io.fleetpulse.streams.profile.CanonicalGauge.REQUESTS_WAITING;
import static io.fleetpulse.streams.profile.CanonicalHistogram.E2E_REQUEST_LATENCY;
import static io.fleetpulse.streams.profile.CanonicalHistogram.INTER_TOKEN_LATENCY;
import static io.fleetpulse.streams.profile.CanonicalHistogram.QUEUE_TIME;
import static io.fleetpulse.streams.profile.CanonicalHistogram.TIME_TO_FIRST_TOKEN;

import io.fleetpulse.schemas.contract.EngineName;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The table of engine profiles (names and quirks from engine-metrics.md, section 6): adding an
 * engine is adding a row here. What an engine cannot provide has no rule and stays absent.
 */
public final class EngineProfiles {

  /**
   * vLLM (V1, and the names older servers still expose). Every series carries the data-parallel
   * rank as {@code engine}: counters and histograms add up over ranks, KV usage is the fullest
   * rank's.
   */
  public static final EngineProfile VLLM =
      new EngineProfile(
          EngineName.VLLM.wireName(),
          "model_name",
          List.of(
              CounterRule.sample(GENERATION_TOKENS, "vllm:generation_tokens_total"),
              CounterRule.sample(PROMPT_TOKENS, "vllm:prompt_tokens_total"),
              CounterRule.sample(REQUESTS_FINISHED, "vllm:request_success_total")
                  .partsBy("finished_reason"),
              CounterRule.sample(PREEMPTIONS, "vllm:num_preemptions_total"),
              // The gpu_ names were deprecated in 0.9; older servers expose only them.
              CounterRule.sample(
                  PREFIX_CACHE_HITS,
                  "vllm:prefix_cache_hits_total",
                  "vllm:gpu_prefix_cache_hits_total"),
              CounterRule.sample(
                  PREFIX_CACHE_QUERIES,
                  "vllm:prefix_cache_queries_total",
                  "vllm:gpu_prefix_cache_queries_total")),
          Map.of(
              REQUESTS_RUNNING, GaugeRule.sum("vllm:num_requests_running"),
              REQUESTS_WAITING, GaugeRule.sum("vllm:num_requests_waiting"),
              // vLLM 0.9 renamed the KV gauge; older servers still expose only the deprecated name.
              KV_CACHE_USAGE,
                  GaugeRule.max("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc")),
          Map.of(
              TIME_TO_FIRST_TOKEN, HistogramRule.of("vllm:time_to_first_token_seconds"),
              // Renamed in 0.11; servers before that expose the same per-token histogram under the
              // old name.
              INTER_TOKEN_LATENCY,
                  HistogramRule.of(
                      "vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds"),
              E2E_REQUEST_LATENCY, HistogramRule.of("vllm:e2e_request_latency_seconds"),
              QUEUE_TIME, HistogramRule.of("vllm:request_queue_time_seconds")));

  /**
   * Hugging Face TGI: counters without {@code _total}, no model label, no token counters (the sums
   * of the tokens-per-request histograms stand in, and grow only as requests finish), no TTFT (left
   * absent rather than approximated), no KV usage, no preemptions. Its per-token histogram holds
   * each request's mean time per token, one observation per request, where vLLM observes every
   * token.
   */
  public static final EngineProfile TGI =
      new EngineProfile(
          EngineName.TGI.wireName(),
          null,
          List.of(
              CounterRule.histogramSum(GENERATION_TOKENS, "tgi_request_generated_tokens"),
              CounterRule.histogramSum(PROMPT_TOKENS, "tgi_request_input_length"),
              // TGI does not say why a request stopped, only that it succeeded.
              CounterRule.sample(REQUESTS_FINISHED, "tgi_request_success").as("success"),
              CounterRule.sample(REQUESTS_FINISHED, "tgi_request_failure").as("error")),
          Map.of(
              REQUESTS_RUNNING, GaugeRule.sum("tgi_batch_current_size"),
              REQUESTS_WAITING, GaugeRule.sum("tgi_queue_size")),
          Map.of(
              INTER_TOKEN_LATENCY, HistogramRule.of("tgi_request_mean_time_per_token_duration"),
              E2E_REQUEST_LATENCY, HistogramRule.of("tgi_request_duration"),
              QUEUE_TIME, HistogramRule.of("tgi_request_queue_duration")));

  /**
   * llama.cpp's llama-server: no labels, no histograms, no request counters. The generation time
   * counter gives a mean compute time per token (not a wall-clock inter-token latency, so not mixed
   * into the quantiles). KV usage exists only on builds from before its removal in 2025.
   */
  public static final EngineProfile LLAMA_CPP =
      new EngineProfile(
          EngineName.LLAMACPP.wireName(),
          null,
          List.of(
              CounterRule.sample(GENERATION_TOKENS, "llamacpp:tokens_predicted_total"),
              CounterRule.sample(PROMPT_TOKENS, "llamacpp:prompt_tokens_total"),
              CounterRule.sample(
                  GENERATION_COMPUTE_SECONDS, "llamacpp:tokens_predicted_seconds_total"),
              CounterRule.sample(GENERATION_COMPUTE_TOKENS, "llamacpp:tokens_predicted_total")),
          Map.of(
              REQUESTS_RUNNING, GaugeRule.sum("llamacpp:requests_processing"),
              REQUESTS_WAITING, GaugeRule.sum("llamacpp:requests_deferred"),
              KV_CACHE_USAGE, GaugeRule.max("llamacpp:kv_cache_usage_ratio")),
          Map.of());

  /**
   * SGLang: the prefix-cache hit ratio comes from cached over prompt tokens, as vLLM's does.
   * Retractions (its preemptions) are only a gauge, so preemptions stay absent and the gauge is
   * kept as it is. Finished requests stay absent: {@code num_requests_total} carries no outcome.
   * Newer builds label scheduler gauges by tensor-parallel rank, and those ranks repeat one
   * scheduler's numbers.
   */
  public static final EngineProfile SGLANG =
      new EngineProfile(
          EngineName.SGLANG.wireName(),
          "model_name",
          List.of(
              CounterRule.sample(GENERATION_TOKENS, "sglang:generation_tokens_total"),
              CounterRule.sample(PROMPT_TOKENS, "sglang:prompt_tokens_total"),
              CounterRule.sample(PREFIX_CACHE_HITS, "sglang:cached_tokens_total"),
              CounterRule.sample(PREFIX_CACHE_QUERIES, "sglang:prompt_tokens_total")),
          Map.of(
              REQUESTS_RUNNING, GaugeRule.sum("sglang:num_running_reqs").replicasBy("tp_rank"),
              REQUESTS_WAITING, GaugeRule.sum("sglang:num_queue_reqs").replicasBy("tp_rank"),
              KV_CACHE_USAGE, GaugeRule.max("sglang:token_usage"),
              REQUESTS_RETRACTED, GaugeRule.sum("sglang:num_retracted_reqs").replicasBy("tp_rank")),
          Map.of(
              TIME_TO_FIRST_TOKEN, HistogramRule.of("sglang:time_to_first_token_seconds"),
              INTER_TOKEN_LATENCY, HistogramRule.of("sglang:inter_token_latency_seconds"),
              E2E_REQUEST_LATENCY, HistogramRule.of("sglang:e2e_request_latency_seconds"),
              QUEUE_TIME, HistogramRule.of("sglang:queue_time_seconds")));

  private static final Map<String, EngineProfile> BY_ENGINE =
      Stream.of(VLLM, TGI, LLAMA_CPP, SGLANG)
          .collect(Collectors.toUnmodifiableMap(EngineProfile::engine, Function.identity()));

  private EngineProfiles() {}

  /** The profile for an engine name; an engine without one contributes only its up flag. */
  public static EngineProfile forEngine(String engine) {
    EngineProfile profile = engine == null ? null : BY_ENGINE.get(engine);
    return profile != null ? profile : EngineProfile.unknown(engine);
  }
}
