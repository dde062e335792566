package io.fleetpulse.schemas;

import java.time.Duration;

/**
 * Durations written the way Prometheus writes them ({@code 5s}, {@code 1m}, {@code 1h30m}, {@code
 * 250ms}), so the config file, window names and exported labels all read like {@code
 * prometheus.yml}.
 */
public final class PrometheusDuration {

  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] UNIT_MILLIS = {
    365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1
  };

  private PrometheusDuration() {}

  /**
   * Parses e.g. {@code 1h30m}; units must come largest first, each at most once, as Prometheus
   * requires.
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    long millis = 0;
    int pos = 0;
    int lastUnit = -1;
    while (pos < text.length()) {
      int digitsStart = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos == digitsStart) {
        throw invalid(text);
      }
      long amount = Long.parseLong(text.substring(digitsStart, pos));
      int unit = unitAt(text, pos);
      if (unit <= lastUnit) {
        throw invalid(text);
      }
      pos += UNITS[unit].length();
      millis = Math.addExact(millis, Math.multiplyExact(amount, UNIT_MILLIS[unit]));
      lastUnit = unit;
    }
    return Duration.ofMillis(millis);
  }

  /**
   * Formats as the shortest Prometheus duration, e.g. 90 s as {@code 1m30s}; zero as {@code 0s}.
   */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 0) {
      throw new IllegalArgumentException("negative duration: " + duration);
    }
    if (millis == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < UNITS.length; i++) {
      long amount = millis / UNIT_MILLIS[i];
      if (amount > 0) {
        out.append(amount).append(UNITS[i]);
        millis -= amount * UNIT_MILLIS[i];
      }
    }
    return out.toString();
  }

  private static int unitAt(String text, int pos) {
    // "ms" must be tried before "m" so 250ms is not read as 250 minutes followed by garbage.
    if (text.startsWith("ms", pos)) {
      return UNITS.length - 1;
    }
    for (int i = 0; i < UNITS.length - 1; i++) {
      if (text.startsWith(UNITS[i], pos)) {
        return i;
      }
    }
    throw invalid(text);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "not a duration: '" + text + "' (expected e.g. 250ms, 5s, 1m, 1h30m)");
  }
}
