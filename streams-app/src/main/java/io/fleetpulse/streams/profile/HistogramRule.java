package io.fleetpulse.streams.profile;

import java.util.List;

/**
 * How one engine exposes one canonical latency histogram.
 *
 * @param familyNames candidate histogram family names, preferred first: the first one present in a
 *     scrape is used, so a renamed histogram lists its new name before its deprecated one
 */
public record HistogramRule(List<String> familyNames) {

  public HistogramRule {
    familyNames = List.copyOf(familyNames);
    if (familyNames.isEmpty()) {
      throw new IllegalArgumentException("a histogram rule needs at least one family name");
    }
  }

  public static HistogramRule of(String... familyNames) {
    return new HistogramRule(List.of(familyNames));
  }
}
