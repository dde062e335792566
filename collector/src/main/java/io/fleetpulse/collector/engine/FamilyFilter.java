package io.fleetpulse.collector.engine;

import io.fleetpulse.collector.config.RelabelConfig;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps or drops whole metric families by name, as {@code keep} and {@code drop} rules of
 * Prometheus' {@code metric_relabel_configs} do on {@code __name__}: a family survives when every
 * keep rule matches it and no drop rule does. A family matches a rule when its own name or the name
 * of any of its series does ({@code x_total}, {@code x_bucket}, {@code x_sum}, {@code x_count}), so
 * a rule written for Prometheus works whichever exposition format the target answered in, and a
 * histogram or summary goes or stays whole.
 */
public final class FamilyFilter {

  private record Rule(boolean keep, Pattern pattern) {}

  private final List<RelabelConfig> configs;
  private final List<Rule> rules;

  public FamilyFilter(List<RelabelConfig> configs) {
    this.configs = List.copyOf(configs);
    this.rules =
        this.configs.stream()
            .map(
                config ->
                    new Rule(
                        config.parsedAction() == RelabelConfig.Action.KEEP,
                        config.anchoredPattern()))
            .toList();
  }

  public List<MetricFamily> apply(List<MetricFamily> families) {
    List<MetricFamily> kept = new ArrayList<>(families.size());
    for (MetricFamily family : families) {
      if (keeps(family)) {
        kept.add(family);
      }
    }
    return kept;
  }

  public boolean keeps(MetricFamily family) {
    for (Rule rule : rules) {
      if (matches(rule.pattern(), family) != rule.keep()) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(Pattern pattern, MetricFamily family) {
    String name = family.getName();
    if (pattern.matcher(name).matches()) {
      return true;
    }
    if (!family.getHistograms().isEmpty() || family.getType() == MetricType.HISTOGRAM) {
      for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
        if (pattern.matcher(name + suffix).matches()) {
          return true;
        }
      }
    }
    String previous = name;
    for (Sample sample : family.getSamples()) {
      // Series of one family mostly share a name: each distinct run is tried once.
      if (!sample.getName().equals(previous) && pattern.matcher(sample.getName()).matches()) {
        return true;
      }
      previous = sample.getName();
    }
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FamilyFilter filter && filter.configs.equals(configs);
  }

  @Override
  public int hashCode() {
    return configs.hashCode();
  }

  @Override
  public String toString() {
    return "FamilyFilter" + configs;
  }
}
