package io.fleetpulse.collector.engine;

import io.fleetpulse.schemas.MetricFamily;
import java.util.List;

/**
 * Tells which inference engine served a scrape from its family names: each engine prefixes its own
 * metrics ({@code vllm:}, {@code tgi_}, {@code llamacpp:}, {@code sglang:}); the first family with a
 * known prefix decides.
 */
public final class EngineDetector {

  public static final String UNKNOWN = "unknown";

  private record Prefix(String prefix, String engine) {}

  private static final List<Prefix> PREFIXES = List.of(
      new Prefix("vllm:", "vllm"),
      new Prefix("tgi_", "tgi"),
      new Prefix("llamacpp:", "llamacpp"),
      new Prefix("sglang:", "sglang"));

  /** vllm, tgi, llamacpp, sglang or unknown. */
  public String detect(List<MetricFamily> families) {
    for (MetricFamily family : families) {
      for (Prefix prefix : PREFIXES) {
        if (family.getName().startsWith(prefix.prefix())) {
          return prefix.engine();
        }
      }
    }
    return UNKNOWN;
  }
}
