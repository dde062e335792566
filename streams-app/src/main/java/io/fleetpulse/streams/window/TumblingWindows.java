package io.fleetpulse.streams.window;

/**
 * Epoch-aligned tumbling windows [end - size, end): the same boundaries on every instance and every
 * replay.
 */
public final class TumblingWindows {

  private TumblingWindows() {}

  public static long startOfWindowContaining(long timestampMs, long sizeMs) {
    return Math.floorDiv(timestampMs, sizeMs) * sizeMs;
  }

  public static long endOfWindowContaining(long timestampMs, long sizeMs) {
    return startOfWindowContaining(timestampMs, sizeMs) + sizeMs;
  }
}
