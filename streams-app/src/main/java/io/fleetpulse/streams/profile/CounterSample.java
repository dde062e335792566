package io.fleetpulse.streams.profile;

import java.util.Map;

/**
 * One series of a canonical counter in one scrape.
 *
 * @param counter the canonical counter it feeds
 * @param part the part of the counter it counts (e.g. the outcome {@code stop}), or null
 * @param source the raw sample or histogram name it was read from
 * @param labels its labels as exposed
 * @param value its cumulative value
 */
public record CounterSample(
    CanonicalCounter counter,
    String part,
    String source,
    Map<String, String> labels,
    double value) {

  public CounterSample {
    labels = Map.copyOf(labels);
  }

  /**
   * The id its increases are summed under, e.g. {@code generation_tokens} or {@code
   * requests_finished/stop}.
   */
  public String key() {
    return counter.key(part);
  }

  /**
   * Identifies the series across scrapes. The raw name is part of it, so a server that switches
   * from a deprecated name to its successor starts a new series instead of being compared across
   * the two.
   */
  public String seriesKey() {
    return SeriesKeys.of(key(), source, labels);
  }
}
