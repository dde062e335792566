package io.fleetpulse.streams.engine;

import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.streams.engine.GaugeRule.SeriesCombination;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the canonical signals out of a scrape through its engine's profile. */
public final class ScrapeReader {

  private static final String MODEL_TARGET_LABEL = "model";

  public NodeReading read(Scrape scrape) {
    EngineProfile profile = EngineProfiles.forEngine(scrape.getEngine());
    Map<String, List<Sample>> samplesByName = samplesNamedIn(profile, scrape);
    return new NodeReading(
        model(scrape, profile, samplesByName),
        counters(profile, samplesByName),
        gauges(profile, samplesByName));
  }

  private static Map<String, List<Sample>> samplesNamedIn(EngineProfile profile, Scrape scrape) {
    Set<String> wanted = new HashSet<>(profile.counters().values());
    profile.gauges().values().forEach(rule -> wanted.addAll(rule.sampleNames()));
    // Insertion order keeps the scrape's order, so the model found in its samples does not depend on hashing.
    Map<String, List<Sample>> byName = new LinkedHashMap<>();
    for (MetricFamily family : scrape.getFamilies()) {
      for (Sample sample : family.getSamples()) {
        // A NaN or infinite sample carries no usable amount; dropping it keeps one odd value from poisoning sums.
        if (wanted.contains(sample.getName()) && Double.isFinite(sample.getValue())) {
          byName.computeIfAbsent(sample.getName(), name -> new ArrayList<>()).add(sample);
        }
      }
    }
    return byName;
  }

  /** The model the collector's target config names, or null when it names none. */
  public static String targetModel(Scrape scrape) {
    String fromTarget = scrape.getTargetLabels().get(MODEL_TARGET_LABEL);
    return fromTarget == null || fromTarget.isBlank() ? null : fromTarget;
  }

  private static String model(Scrape scrape, EngineProfile profile, Map<String, List<Sample>> samplesByName) {
    String fromTarget = targetModel(scrape);
    if (fromTarget != null) {
      return fromTarget;
    }
    if (profile.modelLabel() != null) {
      for (List<Sample> samples : samplesByName.values()) {
        for (Sample sample : samples) {
          String fromSample = sample.getLabels().get(profile.modelLabel());
          if (fromSample != null && !fromSample.isBlank()) {
            return fromSample;
          }
        }
      }
    }
    return NodeReading.UNKNOWN_MODEL;
  }

  private static List<CounterSample> counters(EngineProfile profile, Map<String, List<Sample>> samplesByName) {
    List<CounterSample> counters = new ArrayList<>();
    profile.counters().forEach((counter, sampleName) -> {
      for (Sample sample : samplesByName.getOrDefault(sampleName, List.of())) {
        // A counter never goes below zero; a negative one would turn the reset rule into a negative increase.
        if (sample.getValue() >= 0) {
          counters.add(new CounterSample(counter, sample.getLabels(), sample.getValue()));
        }
      }
    });
    return counters;
  }

  private static Map<CanonicalGauge, Double> gauges(EngineProfile profile, Map<String, List<Sample>> samplesByName) {
    Map<CanonicalGauge, Double> gauges = new EnumMap<>(CanonicalGauge.class);
    profile.gauges().forEach((gauge, rule) -> {
      for (String sampleName : rule.sampleNames()) {
        List<Sample> samples = samplesByName.get(sampleName);
        if (samples != null) {
          gauges.put(gauge, combine(samples, rule.combine()));
          return;
        }
      }
    });
    return gauges;
  }

  private static double combine(List<Sample> samples, SeriesCombination combination) {
    return switch (combination) {
      case SUM -> samples.stream().mapToDouble(Sample::getValue).sum();
      case MAX -> samples.stream().mapToDouble(Sample::getValue).max().orElseThrow();
    };
  }
}
