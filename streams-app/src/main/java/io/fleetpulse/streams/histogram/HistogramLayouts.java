package io.fleetpulse.streams.histogram;

import io.fleetpulse.streams.state.BucketCounts;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds bucket counts together: layouts with identical bounds add bucket by bucket, others are kept
 * apart.
 */
public final class HistogramLayouts {

  private HistogramLayouts() {}

  /**
   * Adds {@code addend} into the layout of {@code layouts} with the same bounds, or appends a copy
   * of it.
   */
  public static void addInto(List<BucketCounts> layouts, BucketCounts addend) {
    for (BucketCounts layout : layouts) {
      if (layout.getBounds().equals(addend.getBounds())) {
        List<Double> counts = layout.getCumulativeCounts();
        List<Double> adding = addend.getCumulativeCounts();
        List<Double> sum = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
          sum.add(counts.get(i) + adding.get(i));
        }
        layout.setCumulativeCounts(sum);
        return;
      }
    }
    layouts.add(copy(addend));
  }

  /** Total observations: the {@code +Inf} bucket. */
  public static double total(BucketCounts buckets) {
    List<Double> counts = buckets.getCumulativeCounts();
    return counts.get(counts.size() - 1);
  }

  public static BucketCounts copy(BucketCounts buckets) {
    return new BucketCounts(
        new ArrayList<>(buckets.getBounds()), new ArrayList<>(buckets.getCumulativeCounts()));
  }
}
