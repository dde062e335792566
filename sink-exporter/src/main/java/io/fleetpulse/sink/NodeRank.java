package io.fleetpulse.sink;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.contract.LatencyFamily;
import java.util.Comparator;

/**
 * How much a node matters when not every node can be exported: the fuller its KV cache, then the
 * slower its tokens (p99 inter-token latency, any source), the more it matters. A value the engine
 * does not provide ranks lowest.
 */
record NodeRank(double kvCacheUsageMax, double interTokenLatencyP99)
    implements Comparable<NodeRank> {

  private static final double UNKNOWN = -1;
  private static final double P99 = 0.99;
  private static final Comparator<NodeRank> ORDER =
      Comparator.comparingDouble(NodeRank::kvCacheUsageMax)
          .thenComparingDouble(NodeRank::interTokenLatencyP99);

  static NodeRank of(FleetWindow window) {
    Double kv = window.getKvCacheUsageMax();
    double itl = UNKNOWN;
    for (LatencyQuantile quantile : window.getLatency()) {
      if (quantile.getQuantile() == P99
          && LatencyFamily.INTER_TOKEN_LATENCY.id().equals(quantile.getFamily())
          && !Double.isNaN(quantile.getValue())) {
        itl = Math.max(itl, quantile.getValue());
      }
    }
    return new NodeRank(kv == null || kv.isNaN() ? UNKNOWN : kv, itl);
  }

  @Override
  public int compareTo(NodeRank other) {
    return ORDER.compare(this, other);
  }
}
