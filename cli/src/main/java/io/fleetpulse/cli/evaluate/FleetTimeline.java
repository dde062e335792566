package io.fleetpulse.cli.evaluate;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.LatencySource;
import io.fleetpulse.schemas.contract.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The fleet's closed windows of one size, in time order, as the chart draws them. */
public final class FleetTimeline {

  private final String window;
  private final TreeMap<Long, FleetWindow> byEnd = new TreeMap<>();

  /**
   * @param window the window name to keep, e.g. {@code 10s}
   */
  public FleetTimeline(String window) {
    this.window = window;
  }

  public void accept(FleetWindow closed) {
    if (Scope.FLEET.label().equals(closed.getScope()) && window.equals(closed.getWindow())) {
      byEnd.put(closed.getWindowEndMs().toEpochMilli(), closed);
    }
  }

  /** The newest window end seen, or {@code Long.MIN_VALUE} before any. */
  public long newestEndMs() {
    return byEnd.isEmpty() ? Long.MIN_VALUE : byEnd.lastKey();
  }

  public ScenarioChart.Timeline since(long startMs) {
    List<Double> minutes = new ArrayList<>();
    List<Double> kv = new ArrayList<>();
    List<Double> waiting = new ArrayList<>();
    List<Double> ttft = new ArrayList<>();
    byEnd.forEach(
        (end, closed) -> {
          minutes.add((end - startMs) / 60_000.0);
          kv.add(closed.getKvCacheUsageMax());
          waiting.add(closed.getRequestsWaitingSum());
          ttft.add(p99Ttft(closed));
        });
    return new ScenarioChart.Timeline(minutes, kv, waiting, ttft);
  }

  /** From request events where the window has them (exact to 1%), else from merged buckets. */
  private static Double p99Ttft(FleetWindow closed) {
    Double histogram = null;
    for (LatencyQuantile q : closed.getLatency()) {
      if (q.getQuantile() == 0.99 && LatencyFamily.TIME_TO_FIRST_TOKEN.id().equals(q.getFamily())) {
        if (LatencySource.EVENTS.id().equals(q.getSource())) {
          return q.getValue();
        }
        histogram = q.getValue();
      }
    }
    return histogram;
  }
}
