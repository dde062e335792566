package io.fleetpulse.streams.events;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.streams.stats.LatencyQuantiles;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fleet's event-derived quantiles are exact to DDSketch's 1% relative accuracy: 100,000
 * requests finished by 50 nodes, sketched per node and encoded as the event stage hands them on,
 * merged across nodes through their encodings as the scope aggregation does, and read as the
 * published quantiles, against the exact quantiles of the same raw latencies. (RequestEventsTest
 * runs fewer requests through the whole topology; a TopologyTestDriver commits after every record,
 * which would make 100,000 of them take half a minute.)
 */
class SketchAccuracyTest {

  private static final int NODES = 50;
  private static final int EVENTS = 100_000;

  @Test
  void fleetP50AndP99AreWithinOnePercentOfTheExactQuantiles() {
    Random random = new Random(7);
    DDSketch[] perNode = new DDSketch[NODES];
    Arrays.setAll(perNode, node -> LatencySketches.empty());
    double[] latencies = new double[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      int node = i % NODES;
      // Nodes differ (some have a slow tail), so the fleet quantile is only right if the merge is.
      double nodeSlowness = 1 + (node % 7) * 0.4;
      latencies[i] = Math.exp(random.nextGaussian() * 0.9 - 1.0) * nodeSlowness;
      perNode[node].accept(latencies[i]);
    }
    ByteBuffer fleet = LatencySketches.encode(perNode[0]);
    for (int node = 1; node < NODES; node++) {
      fleet = LatencySketches.merge(fleet, LatencySketches.encode(perNode[node]));
    }

    List<LatencyQuantile> published =
        LatencyQuantiles.of(Map.of(), Map.of("time_to_first_token", fleet));

    for (double q : List.of(0.5, 0.99)) {
      double estimate =
          published.stream().filter(l -> l.getQuantile() == q).findFirst().orElseThrow().getValue();
      double exact = exact(q, latencies);
      double relativeError = Math.abs(estimate - exact) / exact;
      assertTrue(
          relativeError <= LatencySketches.RELATIVE_ACCURACY,
          "p" + q + ": " + estimate + " vs exact " + exact + " is off by " + relativeError);
    }
  }

  /**
   * The sample quantile DDSketch's guarantee refers to: the value of rank floor(q * (n - 1)) in
   * sorted order.
   */
  static double exact(double q, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.floor(q * (sorted.length - 1))];
  }
}
