package io.fleetpulse.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The newest value of every key, by a time each value carries, forgetting values older than
 * staleAfter. Replays and out-of-order partitions deliver older values, which must not roll a newer
 * one back; a key that stops reporting disappears instead of showing a frozen value. Safe for
 * concurrent use: the consumer offers while scrapes and the status page read.
 */
public final class NewestByKey<K, V> {

  private final Duration staleAfter;
  private final Function<V, Instant> timeOf;
  private final Map<K, V> values = new ConcurrentHashMap<>();

  public NewestByKey(Duration staleAfter, Function<V, Instant> timeOf) {
    if (staleAfter == null || staleAfter.isZero() || staleAfter.isNegative()) {
      throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
    }
    this.staleAfter = staleAfter;
    this.timeOf = timeOf;
  }

  /**
   * Keeps {@code value} if it is later than the one held for {@code key}.
   *
   * @return whether it was kept
   */
  public boolean offer(K key, V value) {
    while (true) {
      V held = values.putIfAbsent(key, value);
      if (held == null) {
        return true;
      }
      if (!timeOf.apply(value).isAfter(timeOf.apply(held))) {
        return false;
      }
      if (values.replace(key, held, value)) {
        return true;
      }
    }
  }

  /** The values no older than staleAfter before {@code now}; older ones are forgotten. */
  public Collection<V> current(Instant now) {
    Instant cutoff = now.minus(staleAfter);
    List<V> fresh = new ArrayList<>(values.size());
    for (Map.Entry<K, V> entry : values.entrySet()) {
      V value = entry.getValue();
      if (timeOf.apply(value).isBefore(cutoff)) {
        values.remove(entry.getKey(), value);
      } else {
        fresh.add(value);
      }
    }
    return Collections.unmodifiableList(fresh);
  }

  /** Forgets every key {@code evicted} accepts. */
  public void removeIf(Predicate<K> evicted) {
    values.keySet().removeIf(evicted);
  }
}
