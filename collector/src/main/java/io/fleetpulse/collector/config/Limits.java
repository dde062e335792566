package io.fleetpulse.collector.config;

/** Checks on the per-scrape limits, where 0 means "no limit" as in Prometheus. */
final class Limits {

  private Limits() {}

  static void requireNotNegative(Integer limit, String what) {
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException(what + " must be 0 (no limit) or more, got " + limit);
    }
  }
}
