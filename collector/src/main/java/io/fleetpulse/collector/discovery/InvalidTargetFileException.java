package io.fleetpulse.collector.discovery;

/**
 * A file_sd file that was read but does not hold valid target groups; the message says where and
 * why.
 */
final class InvalidTargetFileException extends Exception {

  InvalidTargetFileException(String reason) {
    super(reason);
  }
}
