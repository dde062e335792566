package io.fleetpulse.simulator.simtime;

import java.util.Arrays;

/**
 * Every request's exact time to first token, at the instant its first token came, and the first
 * instant at which the p99 over the trailing window exceeds a threshold. The p99 is the
 * nearest-rank one (the ⌈0.99·n⌉-th smallest of the n requests whose first token came in (t −
 * window, t]); it changes only when a request enters or leaves the window, so those are the
 * instants checked.
 */
final class TtftSamples {

  private static final long SECOND = 1_000_000;

  private long[] firstTokenMicros = new long[1024];
  private double[] ttftSeconds = new double[1024];
  private int size;

  void add(long firstTokenAtMicros, double ttft) {
    if (size == firstTokenMicros.length) {
      firstTokenMicros = Arrays.copyOf(firstTokenMicros, size * 2);
      ttftSeconds = Arrays.copyOf(ttftSeconds, size * 2);
    }
    firstTokenMicros[size] = firstTokenAtMicros;
    ttftSeconds[size] = ttft;
    size++;
  }

  int size() {
    return size;
  }

  /**
   * @return micros of the first breach, or -1 when the p99 never exceeds {@code thresholdSeconds}
   */
  long firstBreachMicros(long windowMicros, double thresholdSeconds) {
    int[] byTime = indicesByTime();
    // Equal values share a rank: the tree counts how many window members hold each.
    double[] sortedValues = Arrays.copyOf(ttftSeconds, size);
    Arrays.sort(sortedValues);
    int[] rank = new int[size];
    for (int i = 0; i < size; i++) {
      rank[i] = Arrays.binarySearch(sortedValues, ttftSeconds[i]);
    }
    RankCounts window = new RankCounts(size);
    int entered = 0;
    int left = 0;
    while (entered < size || left < entered) {
      long nextEntry = entered < size ? firstTokenMicros[byTime[entered]] : Long.MAX_VALUE;
      long nextExit =
          left < entered ? firstTokenMicros[byTime[left]] + windowMicros : Long.MAX_VALUE;
      long now = Math.min(nextEntry, nextExit);
      while (entered < size && firstTokenMicros[byTime[entered]] <= now) {
        window.add(rank[byTime[entered++]], 1);
      }
      while (left < entered && firstTokenMicros[byTime[left]] + windowMicros <= now) {
        window.add(rank[byTime[left++]], -1);
      }
      int count = entered - left;
      if (count > 0 && sortedValues[window.kth((int) Math.ceil(0.99 * count))] > thresholdSeconds) {
        return now;
      }
    }
    return -1;
  }

  /**
   * Sample indices in first-token order without boxing: a counting sort by whole second, then each
   * second's few samples sorted by their offset in it, packed above the index into one long.
   */
  private int[] indicesByTime() {
    long firstSecond = Long.MAX_VALUE;
    long lastSecond = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      firstSecond = Math.min(firstSecond, Math.floorDiv(firstTokenMicros[i], SECOND));
      lastSecond = Math.max(lastSecond, Math.floorDiv(firstTokenMicros[i], SECOND));
    }
    int seconds = size == 0 ? 0 : Math.toIntExact(lastSecond - firstSecond + 1);
    int[] starts = new int[seconds + 1];
    for (int i = 0; i < size; i++) {
      starts[(int) (Math.floorDiv(firstTokenMicros[i], SECOND) - firstSecond) + 1]++;
    }
    for (int s = 0; s < seconds; s++) {
      starts[s + 1] += starts[s];
    }
    long[] packed = new long[size];
    int[] filled = Arrays.copyOf(starts, seconds);
    for (int i = 0; i < size; i++) {
      int second = (int) (Math.floorDiv(firstTokenMicros[i], SECOND) - firstSecond);
      packed[filled[second]++] = (Math.floorMod(firstTokenMicros[i], SECOND) << Integer.SIZE) | i;
    }
    int[] byTime = new int[size];
    for (int s = 0; s < seconds; s++) {
      Arrays.sort(packed, starts[s], starts[s + 1]);
    }
    for (int i = 0; i < size; i++) {
      byTime[i] = (int) packed[i];
    }
    return byTime;
  }

  /**
   * A Fenwick tree of how many window members hold each rank, with the k-th smallest found by
   * descent.
   */
  private static final class RankCounts {
    private final int[] tree;
    private final int highestBit;

    RankCounts(int size) {
      tree = new int[size + 1];
      highestBit = size == 0 ? 0 : Integer.highestOneBit(size);
    }

    void add(int rank, int delta) {
      for (int i = rank + 1; i < tree.length; i += i & -i) {
        tree[i] += delta;
      }
    }

    /** The rank of the k-th smallest member, k from 1. */
    int kth(int k) {
      int position = 0;
      for (int step = highestBit; step > 0; step >>= 1) {
        int next = position + step;
        if (next < tree.length && tree[next] < k) {
          position = next;
          k -= tree[next];
        }
      }
      return position;
    }
  }
}
