package io.fleetpulse.streams.signal;

/** The {@code severity} field of Signal records and the exported label. */
final class Severity {

  /** Something will break soon unless someone acts: the early warnings. */
  static final String WARNING = "warning";

  /** Users are being hurt now, or a node is gone. */
  static final String CRITICAL = "critical";

  private Severity() {}
}
