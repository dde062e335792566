package io.fleetpulse.streams.engine;

import io.fleetpulse.streams.engine.GaugeRule.SeriesCombination;
import java.util.List;
import java.util.Map;

/** The table of engine profiles: adding an engine is adding a row here. */
public final class EngineProfiles {

  public static final EngineProfile VLLM =
      new EngineProfile(
          "vllm",
          "model_name",
          Map.of(
              CanonicalCounter.GENERATION_TOKENS, "vllm:generation_tokens_total",
              CanonicalCounter.PROMPT_TOKENS, "vllm:prompt_tokens_total"),
          Map.of(
              CanonicalGauge.REQUESTS_RUNNING,
                  new GaugeRule(List.of("vllm:num_requests_running"), SeriesCombination.SUM),
              CanonicalGauge.REQUESTS_WAITING,
                  new GaugeRule(List.of("vllm:num_requests_waiting"), SeriesCombination.SUM),
              // vLLM 0.9 renamed the KV gauge; older servers still expose only the deprecated name.
              CanonicalGauge.KV_CACHE_USAGE,
                  new GaugeRule(
                      List.of("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"), SeriesCombination.MAX)));

  private static final Map<String, EngineProfile> BY_ENGINE = Map.of(VLLM.engine(), VLLM);

  private EngineProfiles() {}

  /** The profile for an engine name; an engine without one contributes only its up flag. */
  public static EngineProfile forEngine(String engine) {
    EngineProfile profile = engine == null ? null : BY_ENGINE.get(engine);
    return profile != null ? profile : EngineProfile.unknown(engine);
  }
}
