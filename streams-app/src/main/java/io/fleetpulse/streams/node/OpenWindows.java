package io.fleetpulse.streams.node;

import io.fleetpulse.streams.histogram.HistogramLayouts;
import io.fleetpulse.streams.state.BucketCounts;
import io.fleetpulse.streams.state.GaugeObservation;
import io.fleetpulse.streams.state.NodeWindow;
import io.fleetpulse.streams.window.TumblingWindows;
import io.fleetpulse.streams.window.WindowApportioner;
import io.fleetpulse.streams.window.WindowApportioner.Overlap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One node's contributions to the windows it has not yet reported past. Each scrape interval's
 * increases are apportioned to the windows it overlaps (histogram buckets like counters, so merged
 * bucket counts are usually fractional), the scrape's own observation goes to the window containing
 * it, and a window is taken out, final, once the node reports at or after its end.
 */
final class OpenWindows {

  private final List<NodeWindow> windows;
  private final List<Long> sizesMs;

  OpenWindows(List<NodeWindow> stored, List<Long> sizesMs) {
    this.windows = new ArrayList<>(stored);
    this.sizesMs = sizesMs;
  }

  List<NodeWindow> windows() {
    return windows;
  }

  /** Adds the increases measured over (fromMs, toMs] to every window of every size it overlaps. */
  void addInterval(
      NodeIdentity node,
      long fromMs,
      long toMs,
      Map<String, Double> increases,
      Map<String, List<BucketCounts>> histograms) {
    for (long sizeMs : sizesMs) {
      List<Overlap> overlaps = WindowApportioner.overlaps(fromMs, toMs, sizeMs);
      Map<String, double[]> counterPieces = new HashMap<>();
      increases.forEach(
          (key, total) -> counterPieces.put(key, WindowApportioner.split(total, overlaps)));
      List<Map<String, List<BucketCounts>>> histogramPieces = apportion(histograms, overlaps);
      for (int i = 0; i < overlaps.size(); i++) {
        long endMs = overlaps.get(i).windowEndMs();
        NodeWindow window = window(node, sizeMs, endMs);
        window.setObservedMs(
            window.getObservedMs() + Math.min(toMs, endMs) - Math.max(fromMs, endMs - sizeMs));
        int piece = i;
        counterPieces.forEach(
            (key, pieces) -> window.getCounters().merge(key, pieces[piece], Double::sum));
        histogramPieces
            .get(i)
            .forEach(
                (id, layouts) -> {
                  List<BucketCounts> summed =
                      window.getHistograms().computeIfAbsent(id, any -> new ArrayList<>());
                  layouts.forEach(layout -> HistogramLayouts.addInto(summed, layout));
                });
      }
    }
  }

  /** Makes {@code observation} the node's latest word in the window of each size containing it. */
  void observe(NodeIdentity node, GaugeObservation observation) {
    for (long sizeMs : sizesMs) {
      NodeWindow window =
          window(
              node,
              sizeMs,
              TumblingWindows.endOfWindowContaining(observation.getTimestampMs(), sizeMs));
      GaugeObservation kept = window.getObservation();
      if (kept == null || observation.getTimestampMs() >= kept.getTimestampMs()) {
        window.setObservation(observation);
        window.setModel(node.model());
        window.setEngine(node.engine());
      }
    }
  }

  /**
   * Takes out, in order of their end, the windows ending at or before {@code reportedMs}: they are
   * final.
   */
  List<NodeWindow> takeEndingBy(long reportedMs) {
    List<NodeWindow> done = new ArrayList<>();
    for (Iterator<NodeWindow> it = windows.iterator(); it.hasNext(); ) {
      NodeWindow window = it.next();
      if (window.getWindowEndMs() <= reportedMs) {
        done.add(window);
        it.remove();
      }
    }
    done.sort((a, b) -> Long.compare(a.getWindowEndMs(), b.getWindowEndMs()));
    return done;
  }

  private NodeWindow window(NodeIdentity node, long sizeMs, long endMs) {
    for (NodeWindow window : windows) {
      if (window.getWindowSizeMs() == sizeMs && window.getWindowEndMs() == endMs) {
        return window;
      }
    }
    // The constructor rather than the builder: a builder resolves unset fields' defaults through
    // Avro's class
    // trust check, which passes for this project's classes only once AvroSerde has been loaded.
    NodeWindow window =
        new NodeWindow(
            node.cluster(),
            node.instance(),
            node.model(),
            node.engine(),
            sizeMs,
            endMs,
            0L,
            new HashMap<>(),
            new HashMap<>(),
            null,
            new HashMap<>());
    windows.add(window);
    return window;
  }

  /** Every bucket of every layout split over the overlaps, one map of histograms per overlap. */
  private static List<Map<String, List<BucketCounts>>> apportion(
      Map<String, List<BucketCounts>> histograms, List<Overlap> overlaps) {
    List<Map<String, List<BucketCounts>>> pieces = new ArrayList<>(overlaps.size());
    overlaps.forEach(overlap -> pieces.add(new HashMap<>()));
    histograms.forEach(
        (id, layouts) -> {
          for (BucketCounts layout : layouts) {
            List<double[]> bucketPieces = new ArrayList<>();
            layout
                .getCumulativeCounts()
                .forEach(count -> bucketPieces.add(WindowApportioner.split(count, overlaps)));
            for (int i = 0; i < overlaps.size(); i++) {
              List<Double> counts = new ArrayList<>(bucketPieces.size());
              for (double[] bucket : bucketPieces) {
                counts.add(bucket[i]);
              }
              pieces
                  .get(i)
                  .computeIfAbsent(id, any -> new ArrayList<>())
                  .add(new BucketCounts(new ArrayList<>(layout.getBounds()), counts));
            }
          }
        });
    return pieces;
  }
}
