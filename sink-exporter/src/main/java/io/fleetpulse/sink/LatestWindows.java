package io.fleetpulse.sink;

import io.fleetpulse.schemas.FleetWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest closed {@link FleetWindow} of every series (scope, its labels, window name). Safe for
 * concurrent use: the consumer offers while scrapes and the terminal view read.
 */
public final class LatestWindows {

  private final Duration staleAfter;
  private final Map<SeriesKey, FleetWindow> windows = new ConcurrentHashMap<>();

  public LatestWindows(Duration staleAfter) {
    if (staleAfter == null || staleAfter.isZero() || staleAfter.isNegative()) {
      throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
    }
    this.staleAfter = staleAfter;
  }

  /**
   * Keeps {@code window} if it ended later than the one held for its series; replays and
   * out-of-order partitions deliver older windows, which must not roll a value back.
   *
   * @return whether it was kept
   * @throws IllegalArgumentException when the scope is unknown or a label it implies is missing
   */
  public boolean offer(FleetWindow window) {
    SeriesKey key = SeriesKey.of(window);
    while (true) {
      FleetWindow held = windows.putIfAbsent(key, window);
      if (held == null) {
        return true;
      }
      if (!window.getWindowEndMs().isAfter(held.getWindowEndMs())) {
        return false;
      }
      if (windows.replace(key, held, window)) {
        return true;
      }
    }
  }

  /**
   * The windows that ended no longer than staleAfter before {@code now}. Older ones are dropped, so
   * a scope that stopped reporting disappears instead of showing a frozen value.
   */
  public Collection<FleetWindow> current(Instant now) {
    Instant cutoff = now.minus(staleAfter);
    List<FleetWindow> fresh = new ArrayList<>(windows.size());
    for (Map.Entry<SeriesKey, FleetWindow> entry : windows.entrySet()) {
      FleetWindow window = entry.getValue();
      if (window.getWindowEndMs().isBefore(cutoff)) {
        windows.remove(entry.getKey(), window);
      } else {
        fresh.add(window);
      }
    }
    return Collections.unmodifiableList(fresh);
  }
}
