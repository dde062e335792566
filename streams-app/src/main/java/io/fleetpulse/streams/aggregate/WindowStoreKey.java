package io.fleetpulse.streams.aggregate;

/**
 * Store key of an open window: the zero-padded window end first, so that a scan from the start of the store
 * visits windows in the order they close and can stop at the first one still open.
 */
final class WindowStoreKey {

  private static final int END_DIGITS = 13;
  private static final long MAX_END_MS = 9_999_999_999_999L;

  private WindowStoreKey() {}

  static String of(long windowEndMs, String scopeWindowKey) {
    if (windowEndMs < 0 || windowEndMs > MAX_END_MS) {
      throw new IllegalArgumentException("window end " + windowEndMs + " ms is outside 0.." + MAX_END_MS);
    }
    return String.format("%0" + END_DIGITS + "d|%s", windowEndMs, scopeWindowKey);
  }

  static long windowEndMs(String storeKey) {
    return Long.parseLong(storeKey.substring(0, END_DIGITS));
  }
}
