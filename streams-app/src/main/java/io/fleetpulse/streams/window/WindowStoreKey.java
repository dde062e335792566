package io.fleetpulse.streams.window;

/**
 * Store key of something kept per window: the zero-padded window end first, so that a scan from the
 * start of the store visits windows in the order they close and can stop at the first one still
 * open.
 */
public final class WindowStoreKey {

  /**
   * The latest event time (a scrape's or a request's) the topology accepts: window ends are stored
   * as 13 digits of epoch millis, and this leaves room for the largest window after it.
   */
  public static final long MAX_EVENT_TIME_MS = 9_000_000_000_000L;

  private static final int END_DIGITS = 13;
  private static final long MAX_END_MS = 9_999_999_999_999L;

  private WindowStoreKey() {}

  public static String of(long windowEndMs, String scopeWindowKey) {
    if (windowEndMs < 0 || windowEndMs > MAX_END_MS) {
      throw new IllegalArgumentException(
          "window end " + windowEndMs + " ms is outside 0.." + MAX_END_MS);
    }
    return String.format("%0" + END_DIGITS + "d|%s", windowEndMs, scopeWindowKey);
  }

  /**
   * A key below every key of a window ending after {@code windowEndMs} and above every key of one
   * ending at or before it (no real key equals it: their scope part is never empty), so a range
   * scan can start or stop there instead of walking over the deleted keys of windows long closed.
   */
  public static String after(long windowEndMs) {
    return of(
        Math.max(
            0, Math.min(MAX_END_MS, windowEndMs == Long.MAX_VALUE ? MAX_END_MS : windowEndMs + 1)),
        "");
  }

  public static long windowEndMs(String storeKey) {
    return Long.parseLong(storeKey.substring(0, END_DIGITS));
  }
}
