package io.fleetpulse.sink.signal;

import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.sink.DropReason;
import io.fleetpulse.sink.NewestByKey;
import io.fleetpulse.sink.RecordDrops;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The latest state of every signal in every scope ({@link SignalKey}). A signal last updated longer
 * than staleAfter ago is dropped, like a window: a node that stopped reporting takes its signals
 * with it. Safe for concurrent use.
 */
public final class LatestSignals {

  private final boolean nodeScope;
  private final RecordDrops drops;
  private final NewestByKey<SignalKey, Signal> signals;

  public LatestSignals(Duration staleAfter) {
    this(staleAfter, true, new RecordDrops());
  }

  /**
   * @param nodeScope whether node-scope signals are kept ({@code sink.node_scope.enabled})
   */
  public LatestSignals(Duration staleAfter, boolean nodeScope, RecordDrops drops) {
    this.signals = new NewestByKey<>(staleAfter, Signal::getUpdatedMs);
    this.nodeScope = nodeScope;
    this.drops = drops;
  }

  /**
   * Keeps {@code record} if it was updated later than the one held for its key; a node-scope one
   * only while the node scope is exported.
   *
   * @return whether it was kept
   * @throws IllegalArgumentException when {@link SignalKey#of} refuses it
   */
  public boolean offer(Signal record) {
    SignalKey key = SignalKey.of(record);
    if (key.scope() == Scope.NODE && !nodeScope) {
      drops.dropped(
          DropReason.NODE_SCOPE_DISABLED,
          "signal " + key.signal().id() + " of node " + key.labelValues());
      return false;
    }
    return signals.offer(key, record);
  }

  /** The signals updated no longer than staleAfter before {@code now}; older ones are dropped. */
  public Collection<Signal> current(Instant now) {
    return signals.current(now);
  }
}
