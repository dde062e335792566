package io.fleetpulse.simulator.truth;

import java.time.Duration;
import java.time.Instant;

/**
 * Cumulative token counts after each engine step, in primitive ring buffers keyed by wall-clock
 * microseconds. The value at time t is the one recorded last at or before t: exactly what /metrics
 * showed at t. The ring grows while its oldest entry is younger than the retention and otherwise
 * overwrites it, so an idle node stays small and a busy one keeps at least the retention. Not
 * thread-safe.
 */
public final class TokenHistory {

  private static final int INITIAL_CAPACITY = 256;

  /**
   * With steps of at least a millisecond this holds over half an hour, a bound for nodes stepping
   * absurdly fast.
   */
  private static final int MAX_CAPACITY = 1 << 21;

  private final long retentionMicros;
  private long[] atMicros = new long[INITIAL_CAPACITY];
  private long[] generation = new long[INITIAL_CAPACITY];
  private long[] prompt = new long[INITIAL_CAPACITY];
  private int oldest;
  private int size;

  /** Queries before this time would need evicted entries. */
  private long coveredFromMicros = Long.MIN_VALUE;

  public TokenHistory(Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "token history retention must be positive, got " + retention);
    }
    this.retentionMicros = retention.toNanos() / 1000;
  }

  public void record(long wallMicros, long cumulativeGeneration, long cumulativePrompt) {
    if (size > 0 && wallMicros < atMicros[physical(size - 1)]) {
      throw new IllegalArgumentException(
          "token history is recorded in time order: "
              + wallMicros
              + " us comes after "
              + atMicros[physical(size - 1)]
              + " us");
    }
    if (size == atMicros.length) {
      if (atMicros[oldest] >= wallMicros - retentionMicros && size < MAX_CAPACITY) {
        grow();
      } else {
        oldest = physical(1);
        size--;
        coveredFromMicros = atMicros[oldest];
      }
    }
    int slot = physical(size);
    atMicros[slot] = wallMicros;
    generation[slot] = cumulativeGeneration;
    prompt[slot] = cumulativePrompt;
    size++;
  }

  public long generationAt(long wallMicros) {
    int index = lastIndexAtOrBefore(wallMicros);
    return index < 0 ? 0 : generation[physical(index)];
  }

  public long promptAt(long wallMicros) {
    int index = lastIndexAtOrBefore(wallMicros);
    return index < 0 ? 0 : prompt[physical(index)];
  }

  private int lastIndexAtOrBefore(long wallMicros) {
    if (wallMicros < coveredFromMicros) {
      throw new IllegalArgumentException(
          "ground truth at "
              + Instant.ofEpochMilli(wallMicros / 1000)
              + " is no longer kept; history starts at "
              + Instant.ofEpochMilli(coveredFromMicros / 1000));
    }
    int low = 0;
    int high = size - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (atMicros[physical(mid)] <= wallMicros) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  private int physical(int logicalIndex) {
    return (oldest + logicalIndex) % atMicros.length;
  }

  private void grow() {
    int capacity = atMicros.length * 2;
    atMicros = unroll(atMicros, capacity);
    generation = unroll(generation, capacity);
    prompt = unroll(prompt, capacity);
    oldest = 0;
  }

  private long[] unroll(long[] ring, int capacity) {
    long[] copy = new long[capacity];
    int firstPart = Math.min(size, ring.length - oldest);
    System.arraycopy(ring, oldest, copy, 0, firstPart);
    System.arraycopy(ring, 0, copy, firstPart, size - firstPart);
    return copy;
  }
}
