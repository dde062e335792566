package io.fleetpulse.streams.signal;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A detector store backed by a Kafka Streams state store (persistent, restored from its changelog).
 */
final class KeyValueSignalStore<V> implements SignalStore<V> {

  private final KeyValueStore<String, V> store;

  KeyValueSignalStore(KeyValueStore<String, V> store) {
    this.store = store;
  }

  @Override
  public V get(String key) {
    return store.get(key);
  }

  @Override
  public void put(String key, V value) {
    store.put(key, value);
  }
}
