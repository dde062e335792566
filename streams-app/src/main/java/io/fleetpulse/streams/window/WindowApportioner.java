package io.fleetpulse.streams.window;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the increases measured over one scrape interval (from, to] across the tumbling windows it
 * overlaps, in proportion to the overlap. The pieces of each amount add up to that amount exactly: the last
 * piece takes whatever the earlier ones left, so rounding cannot create or lose anything.
 */
public final class WindowApportioner {

  private WindowApportioner() {}

  /** One window's share of the interval. */
  public record Piece<K>(long windowEndMs, Map<K, Double> amounts) {

    public Piece {
      amounts = Map.copyOf(amounts);
    }
  }

  public static <K> List<Piece<K>> apportion(
      long fromExclusiveMs, long toInclusiveMs, long windowSizeMs, Map<K, Double> totals) {
    if (toInclusiveMs <= fromExclusiveMs) {
      throw new IllegalArgumentException(
          "an interval must end after it starts, got (" + fromExclusiveMs + ", " + toInclusiveMs + "]");
    }
    if (windowSizeMs <= 0) {
      throw new IllegalArgumentException("a window size must be positive, got " + windowSizeMs + " ms");
    }
    double lengthMs = toInclusiveMs - fromExclusiveMs;
    Map<K, Double> handedOut = new HashMap<>();
    totals.keySet().forEach(key -> handedOut.put(key, 0.0));
    List<Piece<K>> pieces = new ArrayList<>();
    long windowStart = TumblingWindows.startOfWindowContaining(fromExclusiveMs, windowSizeMs);
    while (windowStart < toInclusiveMs) {
      long windowEnd = windowStart + windowSizeMs;
      boolean last = windowEnd >= toInclusiveMs;
      double share = (Math.min(toInclusiveMs, windowEnd) - Math.max(fromExclusiveMs, windowStart)) / lengthMs;
      Map<K, Double> amounts = new HashMap<>();
      totals.forEach((key, total) -> {
        double amount = last ? total - handedOut.get(key) : total * share;
        handedOut.merge(key, amount, Double::sum);
        amounts.put(key, amount);
      });
      pieces.add(new Piece<>(windowEnd, amounts));
      windowStart = windowEnd;
    }
    return pieces;
  }
}
