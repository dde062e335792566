package io.fleetpulse.collector.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Arrival times as clients write them: epoch seconds with a fraction, or an RFC 3339 timestamp. */
final class ArrivalTimes {

  private ArrivalTimes() {}

  static Instant fromEpochSeconds(double seconds) throws InvalidRequestEvent {
    if (!Double.isFinite(seconds)) {
      throw new InvalidRequestEvent(
          "arrival_time must be a finite number of epoch seconds, got " + seconds);
    }
    // Microsecond rounding: a double holds today's epoch seconds to about a quarter of a
    // microsecond.
    long micros = Math.round(seconds * 1e6);
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /**
   * RFC 3339 allows a lower-case {@code t} and {@code z} and, by its note, a space between date and
   * time; all three are accepted. The offset is required, as RFC 3339 requires it.
   */
  static Instant fromRfc3339(String text) throws InvalidRequestEvent {
    String normalized = text.trim().toUpperCase(Locale.ROOT);
    if (normalized.length() > 10 && normalized.charAt(10) == ' ') {
      normalized = normalized.substring(0, 10) + 'T' + normalized.substring(11);
    }
    try {
      return OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidRequestEvent(
          "arrival_time \""
              + text
              + "\" is neither epoch seconds nor an RFC 3339 timestamp such as 2025-01-31T12:00:00.250Z");
    }
  }
}
