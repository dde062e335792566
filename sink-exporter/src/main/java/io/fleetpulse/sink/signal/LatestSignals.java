package io.fleetpulse.sink.signal;

import io.fleetpulse.schemas.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest state of every signal in every scope ({@link SignalKey}). A signal last updated longer than
 * staleAfter ago is dropped, like a window: a node that stopped reporting takes its signals with it. Safe for
 * concurrent use.
 */
public final class LatestSignals {

  private final Duration staleAfter;
  private final Map<SignalKey, Signal> signals = new ConcurrentHashMap<>();

  public LatestSignals(Duration staleAfter) {
    if (staleAfter == null || staleAfter.isZero() || staleAfter.isNegative()) {
      throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
    }
    this.staleAfter = staleAfter;
  }

  /**
   * Keeps {@code record} if it was updated later than the one held for its key.
   *
   * @return whether it was kept
   * @throws IllegalArgumentException when {@link SignalKey#of} refuses it
   */
  public boolean offer(Signal record) {
    SignalKey key = SignalKey.of(record);
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
