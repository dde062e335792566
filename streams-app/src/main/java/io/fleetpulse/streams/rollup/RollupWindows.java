package io.fleetpulse.streams.rollup;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.streams.aggregate.FleetWindowFactory;
import io.fleetpulse.streams.state.ScopeAggregate;
import io.fleetpulse.streams.state.TierWindowState;
import java.nio.ByteBuffer;

/** A closed tier window as its readers get it, and the key it is published under. */
public final class RollupWindows {

  private static final AvroSerde<ScopeAggregate> AGGREGATES = new AvroSerde<>(ScopeAggregate.class);

  private RollupWindows() {}

  static RollupWindow of(TierWindowState window) {
    return new RollupWindow(
        FleetWindowFactory.create(window.getAggregate()),
        window.getLowerWindows(),
        ByteBuffer.wrap(AGGREGATES.encode(window.getAggregate())),
        window.getNodeSecondsUp(),
        window.getNodeSecondsDown());
  }

  /** {@code <scope key>|<window_start_ms>}, e.g. {@code cluster/us-east|1764633600000}. */
  public static String key(ScopeAggregate aggregate) {
    return scopeKey(aggregate) + "|" + (aggregate.getWindowEndMs() - aggregate.getWindowSizeMs());
  }

  static String scopeKey(ScopeAggregate aggregate) {
    return Scope.fromLabel(aggregate.getScope())
        .key(aggregate.getCluster(), aggregate.getModel(), aggregate.getNode());
  }
}
