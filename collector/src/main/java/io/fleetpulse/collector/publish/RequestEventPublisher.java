package io.fleetpulse.collector.publish;

import io.fleetpulse.schemas.RequestEvent;

/**
 * Where validated per-request events go. Called from HTTP handler threads, so implementations are
 * thread-safe.
 */
public interface RequestEventPublisher {

  /**
   * Hands one event over; delivery problems are the publisher's to log and count, not to throw. An
   * event the validator passed is never too large (its texts are bounded); the exception is for the
   * caller to refuse it.
   */
  void publish(RequestEvent event) throws RecordTooLargeException;
}
