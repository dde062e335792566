package io.fleetpulse.cli.topics;

/**
 * Kafka answered but refused FleetPulse: a wrong login, an untrusted certificate, or no right to
 * the topics. Not an {@link IllegalStateException} like an unreachable Kafka, which is waited for:
 * no wait mends this one.
 */
public final class KafkaAccessException extends RuntimeException {

  public KafkaAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
