package io.fleetpulse.streams.signal;

import java.time.Duration;

/** Bounds every signals option where it is accepted, naming the option's path in the error. */
final class ConfigChecks {

  /**
   * Longer than any history a detector keeps: bounds every duration option so state stays small.
   */
  static final Duration MAX_DURATION = Duration.ofDays(1);

  private ConfigChecks() {}

  static double fraction(String path, double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(
          path + " must be between 0 and 1 (exclusive), got " + value);
    }
    return value;
  }

  static double positive(String path, double value, double max) {
    if (!(value > 0 && value <= max)) {
      throw new IllegalArgumentException(
          path + " must be above 0 and at most " + max + ", got " + value);
    }
    return value;
  }

  static int atLeast(String path, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          path + " must be from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  static Duration duration(String path, Duration value, Duration min) {
    if (value.compareTo(min) < 0 || value.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          path + " must be from " + min.toMillis() + "ms to 1d, got " + value.toMillis() + "ms");
    }
    return value;
  }

  static Duration nonNegative(String path, Duration value) {
    return duration(path, value, Duration.ZERO);
  }

  static Duration positive(String path, Duration value) {
    return duration(path, value, Duration.ofMillis(1));
  }

  /**
   * A clear threshold must sit on the quiet side of its enter threshold, or the hysteresis would
   * flap.
   */
  static void below(String clearPath, double clear, String enterPath, double enter) {
    if (!(clear < enter)) {
      throw new IllegalArgumentException(
          clearPath + " (" + clear + ") must be below " + enterPath + " (" + enter + ")");
    }
  }

  static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
