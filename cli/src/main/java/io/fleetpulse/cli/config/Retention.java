package io.fleetpulse.cli.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;

/**
 * How long a topic keeps its records: a duration written as in Prometheus (30d, 2y), or {@code
 * forever}.
 *
 * @param duration null: forever
 */
public record Retention(Duration duration) {

  public static final String FOREVER = "forever";

  public Retention {
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException(
          "a retention must be positive or forever, got " + duration);
    }
  }

  public static Retention of(Duration duration) {
    return new Retention(duration);
  }

  public static Retention forever() {
    return new Retention(null);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Retention parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    return FOREVER.equals(trimmed) ? forever() : of(PrometheusDuration.parse(trimmed));
  }

  public boolean isForever() {
    return duration == null;
  }

  @JsonValue
  @Override
  public String toString() {
    return isForever() ? FOREVER : PrometheusDuration.format(duration);
  }
}
