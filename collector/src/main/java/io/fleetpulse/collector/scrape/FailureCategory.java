package io.fleetpulse.collector.scrape;

import java.util.Locale;

/**
 * Why a scrape failed, coarsely: the {@code reason} label of the failure counter, so few values on
 * purpose.
 */
public enum FailureCategory {
  /** The target could not be reached, refused, or broke the connection. */
  CONNECTION,
  TIMEOUT,
  /** The target answered with a status outside 2xx. */
  HTTP_STATUS,
  /** The body was not a valid exposition (or not valid gzip). */
  PARSE,
  /** body_size_limit, sample_limit or label_limit was exceeded. */
  LIMIT,
  /** Anything else, e.g. an unreadable credentials file. */
  OTHER;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
