package io.fleetpulse.streams.node;

import io.fleetpulse.streams.state.BucketCounts;
import io.fleetpulse.streams.state.GaugeObservation;
import io.fleetpulse.streams.window.TumblingWindows;
import io.fleetpulse.streams.window.WindowApportioner;
import io.fleetpulse.streams.window.WindowApportioner.Overlap;
import io.fleetpulse.streams.window.WindowApportioner.Piece;
import io.fleetpulse.streams.state.WindowSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts what one scrape says about one node into one slice per window piece, for every window size. Histogram
 * bucket increases are apportioned exactly like counter increases (each bucket is a counter), so a window's
 * merged bucket counts are usually fractional.
 */
final class NodeSlicer {

  private final List<Long> windowSizesMs;

  NodeSlicer(List<Duration> windowSizes) {
    this.windowSizesMs = windowSizes.stream().map(Duration::toMillis).toList();
  }

  /**
   * @param node the node's cluster, instance and model
   * @param intervalStartMs exclusive start of the interval the increases were measured over, or null when
   *     there is no interval (the node's first good scrape, or a failed one)
   * @param increases counter increases over the interval by canonical counter key
   * @param histograms histogram bucket increases over the interval by canonical histogram id
   * @param observation what the node reported at the scrape's timestamp
   */
  List<WindowSlice> slice(
      NodeIdentity node,
      Long intervalStartMs,
      Map<String, Double> increases,
      Map<String, List<BucketCounts>> histograms,
      GaugeObservation observation) {
    long now = observation.getTimestampMs();
    List<WindowSlice> slices = new ArrayList<>();
    for (long sizeMs : windowSizesMs) {
      TreeMap<Long, WindowSlice> byWindowEnd = new TreeMap<>();
      if (intervalStartMs != null) {
        List<Overlap> overlaps = WindowApportioner.overlaps(intervalStartMs, now, sizeMs);
        List<Piece<String>> counterPieces = WindowApportioner.apportion(overlaps, increases);
        List<Map<String, List<BucketCounts>>> histogramPieces = apportion(histograms, overlaps);
        for (int i = 0; i < overlaps.size(); i++) {
          WindowSlice slice = emptySlice(node, sizeMs, overlaps.get(i).windowEndMs());
          slice.setCounters(counterPieces.get(i).amounts());
          slice.setHistograms(histogramPieces.get(i));
          byWindowEnd.put(slice.getWindowEndMs(), slice);
        }
      }
      long observationWindowEnd = TumblingWindows.endOfWindowContaining(now, sizeMs);
      byWindowEnd
          .computeIfAbsent(observationWindowEnd, end -> emptySlice(node, sizeMs, end))
          .setObservation(observation);
      slices.addAll(byWindowEnd.values());
    }
    return slices;
  }

  /** Every bucket of every layout split over the overlaps, one map of histograms per overlap. */
  private static List<Map<String, List<BucketCounts>>> apportion(
      Map<String, List<BucketCounts>> histograms, List<Overlap> overlaps) {
    List<Map<String, List<BucketCounts>>> pieces = new ArrayList<>(overlaps.size());
    overlaps.forEach(overlap -> pieces.add(new HashMap<>()));
    histograms.forEach((id, layouts) -> {
      for (BucketCounts layout : layouts) {
        List<double[]> bucketPieces = new ArrayList<>();
        layout.getCumulativeCounts().forEach(count -> bucketPieces.add(WindowApportioner.split(count, overlaps)));
        for (int i = 0; i < overlaps.size(); i++) {
          List<Double> counts = new ArrayList<>(bucketPieces.size());
          for (double[] bucket : bucketPieces) {
            counts.add(bucket[i]);
          }
          pieces.get(i).computeIfAbsent(id, any -> new ArrayList<>())
              .add(new BucketCounts(new ArrayList<>(layout.getBounds()), counts));
        }
      }
    });
    return pieces;
  }

  private static WindowSlice emptySlice(NodeIdentity node, long sizeMs, long windowEndMs) {
    // The constructor rather than the builder: a builder resolves unset fields' defaults through Avro's class
    // trust check, which passes for this project's classes only once AvroSerde has been loaded.
    return new WindowSlice(
        node.cluster(), node.instance(), node.model(), sizeMs, windowEndMs, null, null, new HashMap<>(),
        new HashMap<>());
  }
}
