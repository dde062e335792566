package io.fleetpulse.streams.profile;

import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.schemas.Scrape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The samples and histograms of one scrape that an engine profile reads, by name. */
final class ScrapeIndex {

  private final Map<String, List<Sample>> samplesByName = new LinkedHashMap<>();
  private final Map<String, List<Histogram>> histogramsByFamily = new LinkedHashMap<>();

  ScrapeIndex(EngineProfile profile, Scrape scrape) {
    Set<String> sampleNames = new HashSet<>();
    Set<String> histogramFamilies = new HashSet<>();
    for (CounterRule rule : profile.counters()) {
      (rule.source() == CounterRule.Source.SAMPLE ? sampleNames : histogramFamilies)
          .addAll(rule.names());
    }
    profile.gauges().values().forEach(rule -> sampleNames.addAll(rule.sampleNames()));
    profile.histograms().values().forEach(rule -> histogramFamilies.addAll(rule.familyNames()));
    // Insertion order keeps the scrape's order, so the model found in its samples does not depend
    // on hashing.
    for (MetricFamily family : scrape.getFamilies()) {
      for (Sample sample : family.getSamples()) {
        // A NaN or infinite sample carries no usable amount; dropping it keeps one odd value from
        // poisoning sums.
        if (sampleNames.contains(sample.getName()) && Double.isFinite(sample.getValue())) {
          samplesByName.computeIfAbsent(sample.getName(), name -> new ArrayList<>()).add(sample);
        }
      }
      if (histogramFamilies.contains(family.getName()) && !family.getHistograms().isEmpty()) {
        histogramsByFamily
            .computeIfAbsent(family.getName(), name -> new ArrayList<>())
            .addAll(family.getHistograms());
      }
    }
  }

  /**
   * The samples of the first of {@code names} that the scrape has, with that name; null when it has
   * none.
   */
  Map.Entry<String, List<Sample>> firstSamples(List<String> names) {
    return first(names, samplesByName);
  }

  /**
   * The histograms of the first of {@code families} that the scrape has, with that name; null when
   * none.
   */
  Map.Entry<String, List<Histogram>> firstHistograms(List<String> families) {
    return first(families, histogramsByFamily);
  }

  /** The label sets of every indexed sample, then of every indexed histogram, in scrape order. */
  List<Map<String, String>> labelSets() {
    List<Map<String, String>> labelSets = new ArrayList<>();
    samplesByName
        .values()
        .forEach(samples -> samples.forEach(sample -> labelSets.add(sample.getLabels())));
    histogramsByFamily
        .values()
        .forEach(series -> series.forEach(histogram -> labelSets.add(histogram.getLabels())));
    return labelSets;
  }

  private static <T> Map.Entry<String, List<T>> first(
      List<String> names, Map<String, List<T>> byName) {
    for (String name : names) {
      List<T> found = byName.get(name);
      if (found != null) {
        return Map.entry(name, found);
      }
    }
    return null;
  }
}
