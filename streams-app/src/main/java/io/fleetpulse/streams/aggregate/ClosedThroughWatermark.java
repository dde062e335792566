package io.fleetpulse.streams.aggregate;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The end up to which every window of this task has been closed, persisted so that after a restart
 * or a task move no window that was already emitted can be opened (and emitted) again.
 */
final class ClosedThroughWatermark {

  private static final String KEY = "closed-through";

  private final KeyValueStore<String, Long> store;
  private long closedThroughMs;

  ClosedThroughWatermark(KeyValueStore<String, Long> store) {
    this.store = store;
    Long persisted = store.get(KEY);
    this.closedThroughMs = persisted == null ? Long.MIN_VALUE : persisted;
  }

  long closedThroughMs() {
    return closedThroughMs;
  }

  /** True when a window with this end has already been closed. */
  boolean covers(long windowEndMs) {
    return windowEndMs <= closedThroughMs;
  }

  void advanceTo(long windowEndMs) {
    if (windowEndMs > closedThroughMs) {
      closedThroughMs = windowEndMs;
      store.put(KEY, windowEndMs);
    }
  }
}
