package io.fleetpulse.simulator.scenario;

import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;

/**
 * The checks every scenario value passes where it is read, so nothing accepted can fail the run
 * later.
 */
final class Bounds {

  /**
   * A week and a day: a week's scenario runs on past its last day for a few minutes, so that every
   * window of the week closes by the scrapes' own time.
   */
  static final Duration LONGEST_RUN = Duration.ofDays(8);

  private Bounds() {}

  static Duration duration(Duration value, String option, Duration min, Duration max) {
    if (value == null) {
      throw new IllegalArgumentException(option + " is required");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          option + " must be between " + text(min) + " and " + text(max) + ", got " + text(value));
    }
    return value;
  }

  static Duration offset(Duration value, String option) {
    return duration(value, option, Duration.ZERO, LONGEST_RUN);
  }

  static double number(double value, String option, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          option + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  static String text(Duration duration) {
    return PrometheusDuration.format(duration);
  }
}
