package io.fleetpulse.streams.engine;

import java.util.Map;

/**
 * How one engine's raw samples map onto the canonical signals. A signal the engine cannot provide has no
 * entry, so it stays absent downstream instead of reading as zero.
 *
 * @param engine the engine name as the collector reports it in {@code Scrape.engine}
 * @param modelLabel the sample label carrying the served model's name, or null when the engine has none
 * @param counters canonical counter to the sample name that carries it
 * @param gauges canonical gauge to the rule that reads it
 */
public record EngineProfile(
    String engine,
    String modelLabel,
    Map<CanonicalCounter, String> counters,
    Map<CanonicalGauge, GaugeRule> gauges) {

  public EngineProfile {
    counters = Map.copyOf(counters);
    gauges = Map.copyOf(gauges);
  }

  /** The profile of an engine nothing is known about: only its up flag counts. */
  public static EngineProfile unknown(String engine) {
    return new EngineProfile(engine, null, Map.of(), Map.of());
  }
}
