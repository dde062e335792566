package io.fleetpulse.schemas.contract;

import java.util.Optional;

/**
 * The engine-independent latencies (seconds). The id is the {@code family} field of the published
 * latency quantiles; the sink derives each exported family's name from it.
 */
public enum LatencyFamily {
  TIME_TO_FIRST_TOKEN("time_to_first_token"),
  INTER_TOKEN_LATENCY("inter_token_latency"),
  E2E_REQUEST_LATENCY("e2e_request_latency"),
  QUEUE_TIME("queue_time");

  private final String id;

  LatencyFamily(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<LatencyFamily> fromId(String id) {
    for (LatencyFamily family : values()) {
      if (family.id.equals(id)) {
        return Optional.of(family);
      }
    }
    return Optional.empty();
  }
}
