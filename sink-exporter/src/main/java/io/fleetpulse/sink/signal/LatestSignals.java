package io.fleetpulse.sink.signal;

import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.sink.DropReason;
import io.fleetpulse.sink.RecordDrops;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest state of every signal in every scope ({@link SignalKey}). A signal last updated longer
 * than staleAfter ago is dropped, like a window: a node that stopped reporting takes its signals
 * with it. Safe for concurrent use.
 */
public final class LatestSignals {

  private final Duration staleAfter;
  private final boolean nodeScope;
  private final RecordDrops drops;
  private final Map<SignalKey, Signal> signals = new ConcurrentHashMap<>();

  public LatestSignals(Duration staleAfter) {
    this(staleAfter, true, new RecordDrops());
  }

  /**
   * @param nodeScope whether node-scope signals are kept ({@code sink.node_scope.enabled})
   */
  public LatestSignals(Duration staleAfter, boolean nodeScope, RecordDrops drops) {
    if (staleAfter == null || staleAfter.isZero() || staleAfter.isNegative()) {
      throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
    }
    this.staleAfter = staleAfter;
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
    while (true) {
      Signal held = signals.putIfAbsent(key, record);
      if (held == null) {
        return true;
      }
      if (!record.getUpdatedMs().isAfter(held.getUpdatedMs())) {
        return false;
      }
      if (signals.replace(key, held, record)) {
        return true;
      }
    }
  }

  /** The signals updated no longer than staleAfter before {@code now}; older ones are dropped. */
  public Collection<Signal> current(Instant now) {
    Instant cutoff = now.minus(staleAfter);
    List<Signal> fresh = new ArrayList<>(signals.size());
    for (Map.Entry<SignalKey, Signal> entry : signals.entrySet()) {
      Signal signal = entry.getValue();
      if (signal.getUpdatedMs().isBefore(cutoff)) {
        signals.remove(entry.getKey(), signal);
      } else {
        fresh.add(signal);
      }
    }
    return Collections.unmodifiableList(fresh);
  }
}
