package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.LatencyTotal;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.LatencySource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Closed 10 s windows as the aggregation publishes them, built field by field for the detector
 * tests.
 */
final class TestWindows {

  static final long BASE_MS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final long STEP_MS = 10_000;
  static final String CLUSTER = "us-east";
  static final String MODEL = "llama-8b";

  private TestWindows() {}

  /** The cluster window ending {@code index} windows after {@link #BASE_MS}, with four nodes up. */
  static FleetWindow.Builder cluster(int index) {
    return window("cluster", index).setCluster(CLUSTER).setNodesUp(4);
  }

  static FleetWindow.Builder node(int index, String node) {
    return window("node", index).setCluster(CLUSTER).setModel(MODEL).setNode(node).setNodesUp(1);
  }

  private static FleetWindow.Builder window(String scope, int index) {
    long endMs = BASE_MS + (index + 1) * STEP_MS;
    return FleetWindow.newBuilder()
        .setScope(scope)
        .setWindow("10s")
        .setWindowStartMs(Instant.ofEpochMilli(endMs - STEP_MS))
        .setWindowEndMs(Instant.ofEpochMilli(endMs))
        .setLatency(new ArrayList<>())
        .setLatencyTotals(new ArrayList<>());
  }

  /** p50, p90, p95, p99 of one family from one source, and its request count. */
  static void latency(
      FleetWindow.Builder window,
      LatencyFamily family,
      LatencySource source,
      double count,
      double p50,
      double p90,
      double p95,
      double p99) {
    List<LatencyQuantile> quantiles = new ArrayList<>(window.getLatency());
    double[] qs = {0.5, 0.9, 0.95, 0.99};
    double[] values = {p50, p90, p95, p99};
    for (int i = 0; i < qs.length; i++) {
      quantiles.add(new LatencyQuantile(family.id(), source.id(), qs[i], values[i]));
    }
    window.setLatency(quantiles);
    List<LatencyTotal> totals = new ArrayList<>(window.getLatencyTotals());
    totals.add(new LatencyTotal(family.id(), source.id(), count, null));
    window.setLatencyTotals(totals);
  }

  static long endMs(int index) {
    return BASE_MS + (index + 1) * STEP_MS;
  }
}
