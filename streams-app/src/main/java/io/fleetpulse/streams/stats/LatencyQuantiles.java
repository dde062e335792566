package io.fleetpulse.streams.stats;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.contract.LatencySource;
import io.fleetpulse.streams.events.LatencySketches;
import io.fleetpulse.streams.histogram.BucketQuantile;
import io.fleetpulse.streams.histogram.LayoutUnion;
import io.fleetpulse.streams.profile.CanonicalHistogram;
import io.fleetpulse.streams.state.BucketCounts;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The published latency quantiles of a span: from merged histogram buckets and from request-event
 * sketches.
 */
public final class LatencyQuantiles {

  public static final List<Double> QUANTILES = List.of(0.5, 0.9, 0.95, 0.99);

  private LatencyQuantiles() {}

  /**
   * @param histograms bucket counts by canonical histogram id, one entry per bucket layout
   * @param sketches encoded request-event sketches by canonical histogram id
   * @return each family's quantiles, histogram-derived before event-derived; a family and source
   *     that observed nothing has none (its quantiles would be NaN)
   */
  public static List<LatencyQuantile> of(
      Map<String, List<BucketCounts>> histograms, Map<String, ByteBuffer> sketches) {
    List<LatencyQuantile> quantiles = new ArrayList<>();
    for (CanonicalHistogram family : CanonicalHistogram.values()) {
      List<BucketCounts> layouts = histograms.get(family.id());
      if (layouts != null && !layouts.isEmpty()) {
        BucketCounts merged = LayoutUnion.merge(layouts);
        for (double q : QUANTILES) {
          add(quantiles, family, LatencySource.HISTOGRAM.id(), q, BucketQuantile.of(q, merged));
        }
      }
      ByteBuffer encoded = sketches.get(family.id());
      if (encoded != null) {
        DDSketch sketch = LatencySketches.decode(encoded);
        if (!sketch.isEmpty()) {
          for (double q : QUANTILES) {
            add(quantiles, family, LatencySource.EVENTS.id(), q, sketch.getValueAtQuantile(q));
          }
        }
      }
    }
    return quantiles;
  }

  private static void add(
      List<LatencyQuantile> quantiles,
      CanonicalHistogram family,
      String source,
      double q,
      double value) {
    if (!Double.isNaN(value)) {
      quantiles.add(new LatencyQuantile(family.id(), source, q, value));
    }
  }
}
