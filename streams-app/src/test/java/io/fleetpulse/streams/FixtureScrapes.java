package io.fleetpulse.streams;

import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.collector.parse.TextFormatParser;
import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.schemas.Scrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scrapes of the engines' real-format /metrics fixtures ({@code fixtures/engines} at the repository
 * root), parsed by the collector's own parser, with edits that make known amounts happen between
 * two scrapes.
 */
public final class FixtureScrapes {

  private static final Path DIRECTORY = Path.of("../fixtures/engines");

  private final String engine;
  private final List<MetricFamily> families;

  private FixtureScrapes(String engine, List<MetricFamily> families) {
    this.engine = engine;
    this.families = families;
  }

  /** The fixture of {@code engine} (vllm, tgi, llamacpp, sglang) as exposed, before any edit. */
  public static FixtureScrapes of(String engine) {
    try {
      byte[] body = Files.readAllBytes(DIRECTORY.resolve(engine + ".prom"));
      return new FixtureScrapes(engine, new TextFormatParser().parse(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ExpositionParseException e) {
      throw new IllegalStateException("fixture " + engine + ".prom does not parse", e);
    }
  }

  /**
   * Adds {@code amount} to every sample called {@code sampleName} whose labels include {@code
   * labels}.
   */
  public FixtureScrapes add(String sampleName, Map<String, String> labels, double amount) {
    int changed = 0;
    for (MetricFamily family : families) {
      for (Sample sample : family.getSamples()) {
        if (sample.getName().equals(sampleName)
            && sample.getLabels().entrySet().containsAll(labels.entrySet())) {
          sample.setValue(sample.getValue() + amount);
          changed++;
        }
      }
    }
    return requireChanged(changed, sampleName);
  }

  public FixtureScrapes add(String sampleName, double amount) {
    return add(sampleName, Map.of(), amount);
  }

  /** Sets every sample called {@code sampleName} to {@code value}. */
  public FixtureScrapes set(String sampleName, double value) {
    int changed = 0;
    for (MetricFamily family : families) {
      for (Sample sample : family.getSamples()) {
        if (sample.getName().equals(sampleName)) {
          sample.setValue(value);
          changed++;
        }
      }
    }
    return requireChanged(changed, sampleName);
  }

  /** Observes {@code value} {@code times} times in every series of histogram {@code familyName}. */
  public FixtureScrapes observe(String familyName, double value, int times) {
    int changed = 0;
    for (Histogram histogram : histograms(familyName)) {
      List<Double> counts = new ArrayList<>(histogram.getCumulativeCounts());
      for (int i = 0; i < counts.size(); i++) {
        if (i == counts.size() - 1 || value <= histogram.getBounds().get(i)) {
          counts.set(i, counts.get(i) + times);
        }
      }
      histogram.setCumulativeCounts(counts);
      histogram.setCount(histogram.getCount() + times);
      histogram.setSum(histogram.getSum() + value * times);
      changed++;
    }
    return requireChanged(changed, familyName);
  }

  /** Adds {@code amount} to the {@code _sum} of every series of histogram {@code familyName}. */
  public FixtureScrapes addToSum(String familyName, double amount) {
    int changed = 0;
    for (Histogram histogram : histograms(familyName)) {
      histogram.setSum(histogram.getSum() + amount);
      changed++;
    }
    return requireChanged(changed, familyName);
  }

  /** The scrape of {@code instance} in {@code cluster}, {@code atMs} after {@link Scrapes#BASE}. */
  public Scrape scrape(String cluster, String instance, long atMs) {
    return Scrape.newBuilder()
        .setCluster(cluster)
        .setInstance(instance)
        .setJob(engine)
        .setEngine(engine)
        .setTimestampMs(Scrapes.BASE.plusMillis(atMs))
        .setDurationSeconds(0.02)
        .setUp(true)
        .setError(null)
        .setTargetLabels(new HashMap<>())
        .setFamilies(families)
        .build();
  }

  private List<Histogram> histograms(String familyName) {
    return families.stream()
        .filter(family -> family.getName().equals(familyName))
        .flatMap(family -> family.getHistograms().stream())
        .toList();
  }

  private FixtureScrapes requireChanged(int changed, String name) {
    if (changed == 0) {
      throw new IllegalArgumentException(engine + ".prom has no " + name);
    }
    return this;
  }
}
