package io.fleetpulse.collector.ingest;

/**
 * One submitted request event that cannot be accepted; the message is the reason sent back to the
 * client.
 */
final class InvalidRequestEvent extends Exception {

  InvalidRequestEvent(String reason) {
    super(reason, null, false, false);
  }
}
