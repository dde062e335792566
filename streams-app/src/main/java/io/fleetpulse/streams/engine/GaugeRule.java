package io.fleetpulse.streams.engine;

import java.util.List;

/**
 * How one engine exposes one canonical gauge.
 *
 * @param sampleNames candidate sample names, preferred first: the first one present in a scrape is used, so a
 *     renamed metric can list its new name before its deprecated one
 * @param combine how the series of that name (e.g. one per data-parallel rank) become one node value
 */
public record GaugeRule(List<String> sampleNames, SeriesCombination combine) {

  public GaugeRule {
    sampleNames = List.copyOf(sampleNames);
    if (sampleNames.isEmpty()) {
      throw new IllegalArgumentException("a gauge rule needs at least one sample name");
    }
  }

  /** How several series of one gauge on one node combine. */
  public enum SeriesCombination {
    /** Amounts that add up across ranks, like queued requests. */
    SUM,
    /** Ratios of separate pools, where the fullest one is what matters. */
    MAX
  }
}
