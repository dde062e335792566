package io.fleetpulse.collector.engine;

import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.contract.EngineName;
import java.util.List;

/**
 * Tells which inference engine served a scrape from its family names: each engine prefixes its own
 * metrics ({@code vllm:}, {@code tgi_}, {@code llamacpp:}, {@code sglang:}); the first family with
 * a known prefix decides.
 */
public final class EngineDetector {

  public static final String UNKNOWN = EngineName.UNKNOWN;

  /** vllm, tgi, llamacpp, sglang or unknown. */
  public String detect(List<MetricFamily> families) {
    for (MetricFamily family : families) {
      for (EngineName engine : EngineName.values()) {
        if (family.getName().startsWith(engine.familyPrefix())) {
          return engine.wireName();
        }
      }
    }
    return UNKNOWN;
  }
}
