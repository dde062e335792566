package io.fleetpulse.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The {@code Authorization} value the ingest routes require, when a bearer token is configured. */
final class BearerToken {

  private final byte[] expected;

  private BearerToken(byte[] expected) {
    this.expected = expected;
  }

  static BearerToken of(IngestConfig config) {
    return new BearerToken(
        config.bearerToken() == null
            ? null
            : ("Bearer " + config.bearerToken()).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether a request with this {@code Authorization} value (null: none) may ingest. */
  boolean admits(String authorization) {
    if (expected == null) {
      return true;
    }
    // Constant-time, so the token cannot be guessed byte by byte from response times.
    return authorization != null
        && MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8));
  }
}
