package io.fleetpulse.streams.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.streams.state.BucketCounts;
import io.fleetpulse.streams.state.GaugeObservation;
import io.fleetpulse.streams.state.WindowSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeSlicerTest {

  private static final NodeIdentity NODE = new NodeIdentity("c1", "a:8000", "m");

  @Test
  void everyBucketIsApportionedLikeACounterAndNoObservationIsLostOrMade() {
    Random random = new Random(3);
    List<Double> bounds = List.of(0.1, 0.5, 1.0);
    List<Double> counts = new ArrayList<>();
    double cumulative = 0;
    for (int i = 0; i <= bounds.size(); i++) {
      cumulative += random.nextInt(1000) / 7.0;
      counts.add(cumulative);
    }
    NodeSlicer slicer = new NodeSlicer(List.of(Duration.ofSeconds(10)));

    List<WindowSlice> slices = slicer.slice(NODE, 3_333L, Map.of(),
        Map.of("queue_time", List.of(new BucketCounts(bounds, counts))), new GaugeObservation(47_777L, true, Map.of()));

    assertEquals(List.of(10_000L, 20_000L, 30_000L, 40_000L, 50_000L),
        slices.stream().map(WindowSlice::getWindowEndMs).toList());
    // (3.333 s, 10 s] is 6.667 s of the 44.444 s interval.
    assertEquals(counts.get(0) * 6_667 / 44_444, bucket(slices.get(0), 0), 1e-9);
    for (int i = 0; i < counts.size(); i++) {
      double total = 0;
      for (WindowSlice slice : slices) {
        total += bucket(slice, i);
      }
      assertEquals(counts.get(i), total, 0.0, "bucket " + i + " adds up exactly");
    }
  }

  private static double bucket(WindowSlice slice, int index) {
    return slice.getHistograms().get("queue_time").get(0).getCumulativeCounts().get(index);
  }
}
