package io.fleetpulse.collector.engine;

import io.fleetpulse.collector.config.RelabelConfig;
import io.fleetpulse.schemas.contract.EngineName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job keeps when its config has no {@code metric_relabel_configs}: a known engine's own
 * families (every family the canonical signals read carries the engine's prefix, whatever its
 * version), and from an unknown server everything but the runtime noise that Python and HTTP
 * middleware add beside real metrics. Keeping that noise would multiply what every scrape costs on
 * Kafka for no reader.
 */
public final class EngineFamilies {

  /**
   * python_gc_*, python_info, process_* and http_* (prometheus_client and
   * prometheus-fastapi-instrumentator).
   */
  public static final String RUNTIME_NOISE = "python_gc_.*|python_info|process_.*|http_.*";

  private static final FamilyFilter UNKNOWN_ENGINE =
      new FamilyFilter(List.of(RelabelConfig.drop(RUNTIME_NOISE)));
  private static final Map<String, FamilyFilter> BY_ENGINE = new HashMap<>();

  static {
    // The prefixes are letters, ':' and '_' only, so they stand for themselves in a regex.
    for (EngineName engine : EngineName.values()) {
      BY_ENGINE.put(
          engine.wireName(),
          new FamilyFilter(List.of(RelabelConfig.keep(engine.familyPrefix() + ".+"))));
    }
  }

  private EngineFamilies() {}

  /** The default filter for an engine name as {@link EngineDetector} reports it. */
  public static FamilyFilter defaultFor(String engine) {
    return BY_ENGINE.getOrDefault(engine, UNKNOWN_ENGINE);
  }
}
