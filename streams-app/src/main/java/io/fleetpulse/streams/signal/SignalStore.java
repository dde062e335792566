package io.fleetpulse.streams.signal;

/**
 * Where the detectors keep their state: a persistent state store in the topology, a map in unit
 * tests.
 */
interface SignalStore<V> {

  V get(String key);

  void put(String key, V value);
}
