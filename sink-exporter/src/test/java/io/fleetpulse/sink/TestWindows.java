package io.fleetpulse.sink;

import io.fleetpulse.schemas.FleetWindow;
import java.time.Duration;
import java.time.Instant;

/** FleetWindow builders for tests: a scope, a window name and an end, every value left null. */
public final class TestWindows {

  private TestWindows() {}

  public static FleetWindow.Builder window(String scope, String name, Instant end) {
    return FleetWindow.newBuilder()
        .setScope(scope)
        .setWindow(name)
        .setWindowStartMs(end.minus(Duration.ofSeconds(10)))
        .setWindowEndMs(end);
  }

  public static FleetWindow fleet(String name, Instant end) {
    return window("fleet", name, end).build();
  }

  public static FleetWindow cluster(String cluster, String name, Instant end) {
    return window("cluster", name, end).setCluster(cluster).build();
  }
}
