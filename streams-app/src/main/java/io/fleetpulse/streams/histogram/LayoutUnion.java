package io.fleetpulse.streams.histogram;

import io.fleetpulse.streams.state.BucketCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Merges histograms whose bucket layouts differ (vLLM changed its bounds between versions; engines
 * differ) onto the union of their bounds, without inventing precision.
 *
 * <p>A layout says nothing about how its observations spread inside one of its buckets. So at a
 * union bound u that a layout lacks, its cumulative count is taken from its next bound below u (0
 * below its first bound): those observations are known to be at most u. The observations between
 * that lower bound and its next bound stay counted at its next bound, their real bucket's upper
 * end; nothing is spread into finer buckets it never had. The merged cumulative counts are
 * therefore never above the true ones at any bound and equal to them at bounds every layout has, so
 * a quantile of the merge can come out higher than the truth (towards a coarse layout's upper
 * bound) but never claims observations below the bucket they were really counted in.
 */
public final class LayoutUnion {

  private LayoutUnion() {}

  /** One histogram on the union of the layouts' bounds; {@code layouts} must not be empty. */
  public static BucketCounts merge(List<BucketCounts> layouts) {
    if (layouts.size() == 1) {
      return layouts.get(0);
    }
    TreeSet<Double> union = new TreeSet<>();
    layouts.forEach(layout -> union.addAll(layout.getBounds()));
    List<Double> bounds = new ArrayList<>(union);
    double[] merged = new double[bounds.size() + 1];
    for (BucketCounts layout : layouts) {
      List<Double> own = layout.getBounds();
      List<Double> counts = layout.getCumulativeCounts();
      int below = -1;
      for (int u = 0; u < bounds.size(); u++) {
        while (below + 1 < own.size() && own.get(below + 1) <= bounds.get(u)) {
          below++;
        }
        merged[u] += below < 0 ? 0 : counts.get(below);
      }
      merged[bounds.size()] += counts.get(own.size());
    }
    List<Double> cumulative = new ArrayList<>(merged.length);
    for (double count : merged) {
      cumulative.add(count);
    }
    return new BucketCounts(bounds, cumulative);
  }
}
