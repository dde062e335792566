package io.fleetpulse.streams.aggregate;

import io.fleetpulse.streams.window.WindowStoreKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The end up to which every window of this task has been closed, persisted so that after a restart
 * or a task move no window that was already emitted can be opened (and emitted) again.
 */
public final class ClosedThroughWatermark {

  private static final String KEY = "closed-through";

  private final KeyValueStore<String, Long> store;
  private final String key;
  private long closedThroughMs;

  ClosedThroughWatermark(KeyValueStore<String, Long> store) {
    this(store, KEY);
  }

  /** A watermark kept under {@code key}, so that several can share one store. */
  public ClosedThroughWatermark(KeyValueStore<String, Long> store, String key) {
    this.store = store;
    this.key = key;
    Long persisted = store.get(key);
    this.closedThroughMs = persisted == null ? Long.MIN_VALUE : persisted;
  }

  public long closedThroughMs() {
    return closedThroughMs;
  }

  /** True when a window with this end has already been closed. */
  public boolean covers(long windowEndMs) {
    return windowEndMs <= closedThroughMs;
  }

  /**
   * Deletes and returns every window of {@code openWindows} (keyed by {@link WindowStoreKey})
   * ending after the watermark and at or before {@code windowEndMs}, in order of their end, and
   * advances to it. Every window up to the watermark is closed and deleted already, so the scan
   * starts after it rather than walking over the deleted keys of every window since the start.
   */
  public <V> List<V> closeThrough(KeyValueStore<String, V> openWindows, long windowEndMs) {
    List<String> keys = new ArrayList<>();
    List<V> closed = new ArrayList<>();
    try (KeyValueIterator<String, V> windows =
        openWindows.range(
            WindowStoreKey.after(closedThroughMs), WindowStoreKey.after(windowEndMs))) {
      while (windows.hasNext()) {
        KeyValue<String, V> window = windows.next();
        keys.add(window.key);
        closed.add(window.value);
      }
    }
    keys.forEach(openWindows::delete);
    advanceTo(windowEndMs);
    return closed;
  }

  public void advanceTo(long windowEndMs) {
    if (windowEndMs > closedThroughMs) {
      closedThroughMs = windowEndMs;
      store.put(key, windowEndMs);
    }
  }
}
