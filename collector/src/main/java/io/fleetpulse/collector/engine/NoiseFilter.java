package io.fleetpulse.collector.engine;

import io.fleetpulse.schemas.MetricFamily;
import java.util.List;

/**
 * Drops the families that say nothing about inference: the Python runtime's ({@code python_gc_*},
 * {@code python_info}), the process's ({@code process_*}) and the HTTP middleware's
 * ({@code http_*}) that vLLM and SGLang expose beside their own. Keeping them would multiply what
 * every scrape costs on Kafka for no reader.
 */
public final class NoiseFilter {

  private static final List<String> NOISE_PREFIXES = List.of("python_gc_", "process_", "http_");
  private static final List<String> NOISE_NAMES = List.of("python_info");

  public List<MetricFamily> apply(List<MetricFamily> families) {
    return families.stream().filter(family -> !isNoise(family.getName())).toList();
  }

  public boolean isNoise(String familyName) {
    return NOISE_NAMES.contains(familyName) || NOISE_PREFIXES.stream().anyMatch(familyName::startsWith);
  }
}
