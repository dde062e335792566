package io.fleetpulse.cli.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** How the report writes its numbers and days, the same in every format. */
final class Cells {

  /** What a cell says when the windows had no value for it. */
  static final String NONE = "-";

  private Cells() {}

  static String number(Double value, int decimals) {
    return value == null || !Double.isFinite(value)
        ? NONE
        : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  static String day(long atMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(atMs), ZoneOffset.UTC).toString();
  }

  static String instant(long atMs) {
    return Instant.ofEpochMilli(atMs).toString();
  }
}
