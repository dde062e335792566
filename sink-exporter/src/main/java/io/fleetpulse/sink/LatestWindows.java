package io.fleetpulse.sink;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The latest closed {@link FleetWindow} of every series ({@link SeriesKey}), node-scope ones within
 * the bound of {@code sink.node_scope}. Safe for concurrent use: the consumer offers while scrapes
 * and the status page read.
 */
public final class LatestWindows {

  private final NodeSeriesLimit nodeLimit;
  private final RecordDrops drops;
  private final NewestByKey<SeriesKey, FleetWindow> windows;

  public LatestWindows(Duration staleAfter) {
    this(staleAfter, NodeScopeConfig.defaults(), new RecordDrops());
  }

  public LatestWindows(Duration staleAfter, NodeScopeConfig nodeScope, RecordDrops drops) {
    this.windows = new NewestByKey<>(staleAfter, FleetWindow::getWindowEndMs);
    this.nodeLimit = new NodeSeriesLimit(nodeScope, staleAfter);
    this.drops = drops;
  }

  /**
   * Keeps {@code window} if it ended later than the one held for its series; replays and
   * out-of-order partitions deliver older windows, which must not roll a value back. A node-scope
   * window beyond the node bound is dropped and counted.
   *
   * @return whether it was kept
   * @throws IllegalArgumentException when the scope is unknown or a label it implies is missing
   */
  public boolean offer(FleetWindow window) {
    SeriesKey key = SeriesKey.of(window);
    if (key.scope() == Scope.NODE && !admitNode(key, window)) {
      return false;
    }
    return windows.offer(key, window);
  }

  /**
   * The windows that ended no longer than staleAfter before {@code now}. Older ones are dropped, so
   * a scope that stopped reporting disappears instead of showing a frozen value.
   */
  public Collection<FleetWindow> current(Instant now) {
    return windows.current(now);
  }

  /**
   * How many nodes have fresh windows held at {@code now}, against {@code
   * sink.node_scope.max_nodes}.
   */
  public int heldNodes(Instant now) {
    return nodeLimit.heldNodes(now);
  }

  private boolean admitNode(SeriesKey key, FleetWindow window) {
    NodeSeriesLimit.Admission admission = nodeLimit.admit(key.labelValues(), window);
    if (admission instanceof NodeSeriesLimit.Admission.Refuse refuse) {
      drops.dropped(refuse.reason(), describe(key));
      return false;
    }
    if (admission instanceof NodeSeriesLimit.Admission.AdmitEvicting evicting) {
      windows.removeIf(
          held -> {
            boolean evicted =
                held.scope() == Scope.NODE && held.labelValues().equals(evicting.evicted());
            if (evicted) {
              drops.dropped(DropReason.MAX_NODES, describe(held));
            }
            return evicted;
          });
    }
    return true;
  }

  private static String describe(SeriesKey key) {
    return "window " + key.window() + " of node " + key.labelValues();
  }
}
