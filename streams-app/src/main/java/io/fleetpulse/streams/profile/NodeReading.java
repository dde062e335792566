package io.fleetpulse.streams.profile;

import java.util.List;
import java.util.Map;

/**
 * The canonical content of one good scrape.
 *
 * @param model the served model, "unknown" when neither the target nor the engine names it
 * @param counters every series of every canonical counter the engine provides
 * @param gauges each canonical gauge the engine provides, already combined across its series
 * @param histograms every series of every canonical latency histogram the engine provides
 */
public record NodeReading(
    String model,
    List<CounterSample> counters,
    Map<CanonicalGauge, Double> gauges,
    List<HistogramSample> histograms) {

  public static final String UNKNOWN_MODEL = "unknown";

  public NodeReading {
    counters = List.copyOf(counters);
    gauges = Map.copyOf(gauges);
    histograms = List.copyOf(histograms);
  }
}
