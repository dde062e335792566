package io.fleetpulse.streams.signal;

import java.util.HashMap;
import java.util.Map;

/** A detector store in memory, for tests without Kafka. */
final class MapStore<V> implements SignalStore<V> {

  private final Map<String, V> values = new HashMap<>();

  @Override
  public V get(String key) {
    return values.get(key);
  }

  @Override
  public void put(String key, V value) {
    values.put(key, value);
  }
}
