package io.fleetpulse.streams.node;

import io.fleetpulse.streams.histogram.HistogramLayouts;
import io.fleetpulse.streams.profile.HistogramSample;
import io.fleetpulse.streams.state.BucketCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one node's cumulative histogram series into bucket increases since its previous scrape.
 * Each bucket is its own counter, as Prometheus' {@code increase()} over {@code _bucket} series
 * treats it: the increase is {@code b - a}, or {@code b} when the bucket went down (a reset). A
 * bucket-by-bucket reset can leave the increases non-cumulative for one interval; the quantile's
 * monotonicity fix absorbs that, as PromQL's does.
 */
public final class HistogramDeltaTracker {

  private HistogramDeltaTracker() {}

  /**
   * @param increases by canonical histogram id, the bucket increases summed over its series (e.g.
   *     vLLM's data-parallel ranks), one entry per bucket layout; a histogram that observed nothing
   *     is absent
   * @param series every series' current buckets, to compare the next scrape against
   */
  public record Deltas(
      Map<String, List<BucketCounts>> increases, Map<String, BucketCounts> series) {

    public Deltas {
      increases = Map.copyOf(increases);
      series = Map.copyOf(series);
    }
  }

  /**
   * @param previous each series' buckets at the previous scrape, by {@link
   *     HistogramSample#seriesKey()}
   * @param current this scrape's histogram series. A series that is new, or whose bucket bounds
   *     changed (an engine upgrade), contributes nothing this interval: buckets of different
   *     layouts cannot be subtracted.
   */
  public static Deltas track(Map<String, BucketCounts> previous, List<HistogramSample> current) {
    Map<String, List<BucketCounts>> increases = new HashMap<>();
    Map<String, BucketCounts> series = new HashMap<>();
    for (HistogramSample sample : current) {
      BucketCounts now = new BucketCounts(sample.bounds(), sample.cumulativeCounts());
      series.put(sample.seriesKey(), now);
      BucketCounts before = previous.get(sample.seriesKey());
      if (before == null || !before.getBounds().equals(now.getBounds())) {
        continue;
      }
      BucketCounts increase = increase(before, now);
      if (increase != null) {
        HistogramLayouts.addInto(
            increases.computeIfAbsent(sample.histogram().id(), id -> new ArrayList<>()), increase);
      }
    }
    return new Deltas(increases, series);
  }

  /** The bucket increases from {@code before} to {@code now}, or null when no bucket increased. */
  private static BucketCounts increase(BucketCounts before, BucketCounts now) {
    List<Double> was = before.getCumulativeCounts();
    List<Double> is = now.getCumulativeCounts();
    List<Double> increases = new ArrayList<>(is.size());
    boolean observed = false;
    for (int i = 0; i < is.size(); i++) {
      double increase = is.get(i) < was.get(i) ? is.get(i) : is.get(i) - was.get(i);
      observed |= increase > 0;
      increases.add(increase);
    }
    return observed ? new BucketCounts(new ArrayList<>(now.getBounds()), increases) : null;
  }
}
