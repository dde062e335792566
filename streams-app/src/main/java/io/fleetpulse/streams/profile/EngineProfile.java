package io.fleetpulse.streams.profile;

import java.util.List;
import java.util.Map;

/**
 * How one engine's raw samples map onto the canonical signals. A signal the engine cannot provide
 * has no rule, so it stays absent downstream instead of reading as zero.
 *
 * @param engine the engine name as the collector reports it in {@code Scrape.engine}
 * @param modelLabel the sample label carrying the served model's name, or null when the engine has
 *     none
 * @param counters the rules that read canonical counters; several may feed one counter (e.g. its
 *     parts)
 * @param gauges canonical gauge to the rule that reads it
 * @param histograms canonical latency histogram to the rule that reads it
 */
public record EngineProfile(
    String engine,
    String modelLabel,
    List<CounterRule> counters,
    Map<CanonicalGauge, GaugeRule> gauges,
    Map<CanonicalHistogram, HistogramRule> histograms) {

  public EngineProfile {
    counters = List.copyOf(counters);
    gauges = Map.copyOf(gauges);
    histograms = Map.copyOf(histograms);
  }

  /** The profile of an engine nothing is known about: only its up flag counts. */
  public static EngineProfile unknown(String engine) {
    return new EngineProfile(engine, null, List.of(), Map.of(), Map.of());
  }
}
