package io.fleetpulse.streams.node;

import io.fleetpulse.streams.window.GaugeObservation;
import io.fleetpulse.streams.window.TumblingWindows;
import io.fleetpulse.streams.window.WindowApportioner;
import io.fleetpulse.streams.window.WindowApportioner.Piece;
import io.fleetpulse.streams.window.WindowSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Cuts what one scrape says about one node into one slice per window piece, for every window size. */
final class NodeSlicer {

  private final List<Long> windowSizesMs;

  NodeSlicer(List<Duration> windowSizes) {
    this.windowSizesMs = windowSizes.stream().map(Duration::toMillis).toList();
  }

  /**
   * @param node the node's cluster, instance and model
   * @param intervalStartMs exclusive start of the interval the increases were measured over, or null when
   *     there is no interval (the node's first good scrape, or a failed one)
   * @param increases counter increases over the interval by canonical counter id
   * @param observation what the node reported at the scrape's timestamp
   */
  List<WindowSlice> slice(
      NodeIdentity node, Long intervalStartMs, Map<String, Double> increases, GaugeObservation observation) {
    long now = observation.getTimestampMs();
    List<WindowSlice> slices = new ArrayList<>();
    for (long sizeMs : windowSizesMs) {
      TreeMap<Long, WindowSlice> byWindowEnd = new TreeMap<>();
      if (intervalStartMs != null) {
        for (Piece<String> piece : WindowApportioner.apportion(intervalStartMs, now, sizeMs, increases)) {
          WindowSlice slice = emptySlice(node, sizeMs, piece.windowEndMs());
          slice.setCounters(piece.amounts());
          byWindowEnd.put(piece.windowEndMs(), slice);
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

  private static WindowSlice emptySlice(NodeIdentity node, long sizeMs, long windowEndMs) {
    // The constructor rather than the builder: a builder resolves unset fields' defaults through Avro's class
    // trust check, which passes for this project's classes only once AvroSerde has been loaded.
    return new WindowSlice(node.cluster(), node.instance(), node.model(), sizeMs, windowEndMs, null, null);
  }
}
