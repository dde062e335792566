package io.fleetpulse.streams.profile;

import java.util.List;

/**
 * How one engine exposes (a part of) one canonical counter.
 *
 * @param counter the canonical counter
 * @param names candidate names, preferred first: the first one present in a scrape is used, so a
 *     renamed metric lists its new name before its deprecated one
 * @param source whether a name is a counter sample or a histogram family whose {@code _sum} is the
 *     counter
 * @param partLabel the sample label whose value names the part (e.g. vLLM's {@code
 *     finished_reason}), or null
 * @param part the fixed part this rule counts (e.g. TGI's failures are all {@code error}), or null
 */
public record CounterRule(
    CanonicalCounter counter, List<String> names, Source source, String partLabel, String part) {

  /** Where a counter's value is read from. */
  public enum Source {
    SAMPLE,
    /**
     * The {@code _sum} of a histogram: TGI counts tokens only as histograms of tokens per request,
     * whose sums are cumulative token counts that grow as requests finish.
     */
    HISTOGRAM_SUM
  }

  public CounterRule {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "a counter rule for " + counter.id() + " needs at least one name");
    }
    if (partLabel != null && part != null) {
      throw new IllegalArgumentException(
          "a counter rule takes its part from a label or fixes it, not both");
    }
  }

  public static CounterRule sample(CanonicalCounter counter, String... names) {
    return new CounterRule(counter, List.of(names), Source.SAMPLE, null, null);
  }

  public static CounterRule histogramSum(CanonicalCounter counter, String family) {
    return new CounterRule(counter, List.of(family), Source.HISTOGRAM_SUM, null, null);
  }

  /** This rule, with each series counted under the part its {@code label} names. */
  public CounterRule partsBy(String label) {
    return new CounterRule(counter, names, source, label, null);
  }

  /** This rule, with every series counted under {@code fixedPart}. */
  public CounterRule as(String fixedPart) {
    return new CounterRule(counter, names, source, null, fixedPart);
  }
}
