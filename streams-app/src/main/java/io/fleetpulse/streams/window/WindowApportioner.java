package io.fleetpulse.streams.window;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the increases measured over one scrape interval (from, to] across the tumbling windows it
 * overlaps, in proportion to the overlap. The pieces of each amount add up to that amount exactly:
 * the last piece takes whatever the earlier ones left, so rounding cannot create or lose anything.
 */
public final class WindowApportioner {

  private WindowApportioner() {}

  /** One window's share of an interval: the fraction of the interval's length that falls in it. */
  public record Overlap(long windowEndMs, double share) {}

  /** One window's share of the interval's amounts. */
  public record Piece<K>(long windowEndMs, Map<K, Double> amounts) {

    public Piece {
      amounts = Map.copyOf(amounts);
    }
  }

  /** The windows of {@code windowSizeMs} that (from, to] overlaps, in order, with their shares. */
  public static List<Overlap> overlaps(
      long fromExclusiveMs, long toInclusiveMs, long windowSizeMs) {
    if (toInclusiveMs <= fromExclusiveMs) {
      throw new IllegalArgumentException(
          "an interval must end after it starts, got ("
              + fromExclusiveMs
              + ", "
              + toInclusiveMs
              + "]");
    }
    if (windowSizeMs <= 0) {
      throw new IllegalArgumentException(
          "a window size must be positive, got " + windowSizeMs + " ms");
    }
    double lengthMs = toInclusiveMs - fromExclusiveMs;
    List<Overlap> overlaps = new ArrayList<>();
    long windowStart = TumblingWindows.startOfWindowContaining(fromExclusiveMs, windowSizeMs);
    while (windowStart < toInclusiveMs) {
      long windowEnd = windowStart + windowSizeMs;
      double overlapMs =
          Math.min(toInclusiveMs, windowEnd) - Math.max(fromExclusiveMs, windowStart);
      overlaps.add(new Overlap(windowEnd, overlapMs / lengthMs));
      windowStart = windowEnd;
    }
    return overlaps;
  }

  /** {@code total} split by the overlaps' shares, the last piece taking what the others left. */
  public static double[] split(double total, List<Overlap> overlaps) {
    double[] pieces = new double[overlaps.size()];
    double handedOut = 0;
    for (int i = 0; i < pieces.length; i++) {
      pieces[i] = i == pieces.length - 1 ? total - handedOut : total * overlaps.get(i).share();
      handedOut += pieces[i];
    }
    return pieces;
  }

  public static <K> List<Piece<K>> apportion(
      long fromExclusiveMs, long toInclusiveMs, long windowSizeMs, Map<K, Double> totals) {
    return apportion(overlaps(fromExclusiveMs, toInclusiveMs, windowSizeMs), totals);
  }

  /** Each of {@code totals} split over {@code overlaps}, one piece per overlap. */
  public static <K> List<Piece<K>> apportion(List<Overlap> overlaps, Map<K, Double> totals) {
    List<Map<K, Double>> amounts = new ArrayList<>();
    overlaps.forEach(overlap -> amounts.add(new HashMap<>()));
    totals.forEach(
        (key, total) -> {
          double[] pieces = split(total, overlaps);
          for (int i = 0; i < pieces.length; i++) {
            amounts.get(i).put(key, pieces[i]);
          }
        });
    List<Piece<K>> pieces = new ArrayList<>(overlaps.size());
    for (int i = 0; i < overlaps.size(); i++) {
      pieces.add(new Piece<>(overlaps.get(i).windowEndMs(), amounts.get(i)));
    }
    return pieces;
  }
}
