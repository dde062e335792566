package io.fleetpulse.collector.ingest;

/**
 * A whole ingest request turned away: the HTTP status and the reason told to the client and logged.
 */
final class Refusal extends Exception {

  private final int status;

  Refusal(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
