package io.fleetpulse.streams.profile;

import java.util.List;

/**
 * How one engine exposes one canonical gauge.
 *
 * @param sampleNames candidate sample names, preferred first: the first one present in a scrape is
 *     used, so a renamed metric can list its new name before its deprecated one
 * @param combine how the series of that name (e.g. one per data-parallel rank) become one node
 *     value
 * @param replicaLabels labels that tell apart copies of one value rather than separate amounts
 *     (SGLang's tensor-parallel ranks each report the same scheduler state): series that differ
 *     only in them count once, by their maximum, before {@code combine} applies
 */
public record GaugeRule(
    List<String> sampleNames, SeriesCombination combine, List<String> replicaLabels) {

  public GaugeRule {
    sampleNames = List.copyOf(sampleNames);
    replicaLabels = List.copyOf(replicaLabels);
    if (sampleNames.isEmpty()) {
      throw new IllegalArgumentException("a gauge rule needs at least one sample name");
    }
  }

  public static GaugeRule sum(String... sampleNames) {
    return new GaugeRule(List.of(sampleNames), SeriesCombination.SUM, List.of());
  }

  public static GaugeRule max(String... sampleNames) {
    return new GaugeRule(List.of(sampleNames), SeriesCombination.MAX, List.of());
  }

  /** This rule, with series that differ only in {@code labels} counted once. */
  public GaugeRule replicasBy(String... labels) {
    return new GaugeRule(sampleNames, combine, List.of(labels));
  }

  /** How several series of one gauge on one node combine. */
  public enum SeriesCombination {
    /** Amounts that add up across ranks, like queued requests. */
    SUM,
    /** Ratios of separate pools, where the fullest one is what matters. */
    MAX
  }
}
