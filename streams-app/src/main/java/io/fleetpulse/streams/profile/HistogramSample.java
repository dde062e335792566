package io.fleetpulse.streams.profile;

import java.util.List;
import java.util.Map;

/**
 * One series of a canonical latency histogram in one scrape: cumulative bucket counts as exposed.
 *
 * @param histogram the canonical histogram it feeds
 * @param family the raw histogram family it was read from
 * @param labels its labels as exposed (without {@code le})
 * @param bounds finite upper bounds, strictly ascending
 * @param cumulativeCounts one per bound, then the {@code +Inf} bucket
 */
public record HistogramSample(
    CanonicalHistogram histogram,
    String family,
    Map<String, String> labels,
    List<Double> bounds,
    List<Double> cumulativeCounts) {

  public HistogramSample {
    labels = Map.copyOf(labels);
    bounds = List.copyOf(bounds);
    cumulativeCounts = List.copyOf(cumulativeCounts);
  }

  /** Identifies the series across scrapes; the raw family name is part of it, as for counters. */
  public String seriesKey() {
    return SeriesKeys.of(histogram.id(), family, labels);
  }
}
