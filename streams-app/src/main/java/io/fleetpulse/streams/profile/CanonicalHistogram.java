package io.fleetpulse.streams.profile;

/**
 * Engine-independent latency histograms (seconds); the id is the {@code family} of the published latency
 * quantiles and names the histogram in the topology's internal records.
 */
public enum CanonicalHistogram {
  TIME_TO_FIRST_TOKEN("time_to_first_token"),
  INTER_TOKEN_LATENCY("inter_token_latency"),
  E2E_REQUEST_LATENCY("e2e_request_latency"),
  QUEUE_TIME("queue_time");

  private final String id;

  CanonicalHistogram(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
