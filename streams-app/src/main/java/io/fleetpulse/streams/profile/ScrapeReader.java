package io.fleetpulse.streams.profile;

import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.streams.profile.GaugeRule.SeriesCombination;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the canonical signals out of a scrape through its engine's profile. */
public final class ScrapeReader {

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeReader.class);
  private static final String MODEL_TARGET_LABEL = "model";
  private static final String UNKNOWN_PART = "unknown";

  public NodeReading read(Scrape scrape) {
    EngineProfile profile = EngineProfiles.forEngine(scrape.getEngine());
    ScrapeIndex index = new ScrapeIndex(profile, scrape);
    return new NodeReading(
        model(scrape, profile, index),
        counters(profile, index),
        gauges(profile, index),
        histograms(scrape, profile, index));
  }

  /** The model the collector's target config names, or null when it names none. */
  public static String targetModel(Scrape scrape) {
    String fromTarget = scrape.getTargetLabels().get(MODEL_TARGET_LABEL);
    return fromTarget == null || fromTarget.isBlank() ? null : fromTarget;
  }

  private static String model(Scrape scrape, EngineProfile profile, ScrapeIndex index) {
    String fromTarget = targetModel(scrape);
    if (fromTarget != null) {
      return fromTarget;
    }
    if (profile.modelLabel() != null) {
      for (Map<String, String> labels : index.labelSets()) {
        String fromEngine = labels.get(profile.modelLabel());
        if (fromEngine != null && !fromEngine.isBlank()) {
          return fromEngine;
        }
      }
    }
    return NodeReading.UNKNOWN_MODEL;
  }

  private static List<CounterSample> counters(EngineProfile profile, ScrapeIndex index) {
    List<CounterSample> counters = new ArrayList<>();
    for (CounterRule rule : profile.counters()) {
      if (rule.source() == CounterRule.Source.SAMPLE) {
        Map.Entry<String, List<Sample>> found = index.firstSamples(rule.names());
        if (found != null) {
          found
              .getValue()
              .forEach(
                  sample ->
                      addCounter(
                          counters, rule, found.getKey(), sample.getLabels(), sample.getValue()));
        }
      } else {
        Map.Entry<String, List<Histogram>> found = index.firstHistograms(rule.names());
        if (found != null) {
          found
              .getValue()
              .forEach(
                  histogram ->
                      addCounter(
                          counters,
                          rule,
                          found.getKey(),
                          histogram.getLabels(),
                          histogram.getSum()));
        }
      }
    }
    return withoutUnpairedRatioHalves(counters);
  }

  private static void addCounter(
      List<CounterSample> counters,
      CounterRule rule,
      String source,
      Map<String, String> labels,
      double value) {
    // A counter never goes below zero; a negative one would turn the reset rule into a negative
    // increase.
    if (!Double.isFinite(value) || value < 0) {
      return;
    }
    String part = rule.part();
    if (rule.partLabel() != null) {
      String named = labels.get(rule.partLabel());
      part = named == null || named.isBlank() ? UNKNOWN_PART : named;
    }
    counters.add(new CounterSample(rule.counter(), part, source, labels, value));
  }

  private static List<CounterSample> withoutUnpairedRatioHalves(List<CounterSample> counters) {
    Set<CanonicalCounter> present = EnumSet.noneOf(CanonicalCounter.class);
    counters.forEach(sample -> present.add(sample.counter()));
    return counters.stream()
        .filter(sample -> sample.counter().ratioPartner().map(present::contains).orElse(true))
        .toList();
  }

  private static Map<CanonicalGauge, Double> gauges(EngineProfile profile, ScrapeIndex index) {
    Map<CanonicalGauge, Double> gauges = new EnumMap<>(CanonicalGauge.class);
    profile
        .gauges()
        .forEach(
            (gauge, rule) -> {
              Map.Entry<String, List<Sample>> found = index.firstSamples(rule.sampleNames());
              if (found != null) {
                gauges.put(
                    gauge,
                    combine(
                        withoutReplicas(found.getValue(), rule.replicaLabels()), rule.combine()));
              }
            });
    return gauges;
  }

  /** One value per set of labels outside {@code replicaLabels}: the largest of the copies. */
  private static List<Double> withoutReplicas(List<Sample> samples, List<String> replicaLabels) {
    Map<Map<String, String>, Double> distinct = new HashMap<>();
    for (Sample sample : samples) {
      Map<String, String> identity = new HashMap<>(sample.getLabels());
      identity.keySet().removeAll(replicaLabels);
      distinct.merge(identity, sample.getValue(), Math::max);
    }
    return List.copyOf(distinct.values());
  }

  private static double combine(List<Double> values, SeriesCombination combination) {
    return switch (combination) {
      case SUM -> values.stream().mapToDouble(Double::doubleValue).sum();
      case MAX -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    };
  }

  private static List<HistogramSample> histograms(
      Scrape scrape, EngineProfile profile, ScrapeIndex index) {
    List<HistogramSample> histograms = new ArrayList<>();
    profile
        .histograms()
        .forEach(
            (histogram, rule) -> {
              Map.Entry<String, List<Histogram>> found = index.firstHistograms(rule.familyNames());
              if (found == null) {
                return;
              }
              for (Histogram series : found.getValue()) {
                String problem = HistogramChecks.problem(series);
                if (problem == null) {
                  histograms.add(
                      new HistogramSample(
                          histogram,
                          found.getKey(),
                          series.getLabels(),
                          series.getBounds(),
                          series.getCumulativeCounts()));
                } else {
                  LOG.warn(
                      "ignoring histogram {}{} of {}/{}: {}",
                      found.getKey(),
                      series.getLabels(),
                      scrape.getCluster(),
                      scrape.getInstance(),
                      problem);
                }
              }
            });
    return histograms;
  }
}
