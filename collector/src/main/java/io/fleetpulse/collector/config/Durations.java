package io.fleetpulse.collector.config;

import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;

/**
 * Checks on configured durations; messages write them the way Prometheus configs do ("5s",
 * "1m30s").
 */
final class Durations {

  private Durations() {}

  static void requirePositive(Duration duration, String what) {
    if (duration.isZero() || duration.isNegative()) {
      String shown =
          duration.isNegative() ? duration.toString() : PrometheusDuration.format(duration);
      throw new IllegalArgumentException(what + " must be positive, got " + shown);
    }
  }
}
