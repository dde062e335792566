package io.fleetpulse.cli.report;

import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The time the report covers: windows that start in [since, until). */
public record ReportRange(long sinceMs, long untilMs) {

  public ReportRange {
    if (sinceMs >= untilMs) {
      throw new IllegalArgumentException(
          "--since ("
              + Instant.ofEpochMilli(sinceMs)
              + ") must be before --until ("
              + Instant.ofEpochMilli(untilMs)
              + ")");
    }
  }

  /**
   * A bound as the options take it: a duration before {@code now} (7d, 36h) or an instant
   * (2026-01-01T00:00:00Z).
   */
  public static long parseBound(String option, String value, Instant now) {
    try {
      return now.minus(PrometheusDuration.parse(value)).toEpochMilli();
    } catch (IllegalArgumentException notADuration) {
      try {
        return Instant.parse(value).toEpochMilli();
      } catch (DateTimeParseException notAnInstant) {
        throw new IllegalArgumentException(
            option
                + " '"
                + value
                + "' is neither a duration before now (7d, 36h) nor an instant (2026-01-01T00:00:00Z)");
      }
    }
  }

  public boolean contains(long atMs) {
    return atMs >= sinceMs && atMs < untilMs;
  }

  public Instant since() {
    return Instant.ofEpochMilli(sinceMs);
  }

  public Instant until() {
    return Instant.ofEpochMilli(untilMs);
  }
}
