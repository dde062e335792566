package io.fleetpulse.streams.profile;

import io.fleetpulse.schemas.contract.LatencyFamily;

/**
 * Engine-independent latency histograms (seconds), one per shared {@link LatencyFamily}: its id is
 * the {@code family} of the published latency quantiles and names the histogram in the topology's
 * internal records.
 */
public enum CanonicalHistogram {
  TIME_TO_FIRST_TOKEN(LatencyFamily.TIME_TO_FIRST_TOKEN),
  INTER_TOKEN_LATENCY(LatencyFamily.INTER_TOKEN_LATENCY),
  E2E_REQUEST_LATENCY(LatencyFamily.E2E_REQUEST_LATENCY),
  QUEUE_TIME(LatencyFamily.QUEUE_TIME);

  private final LatencyFamily family;

  CanonicalHistogram(LatencyFamily family) {
    this.family = family;
  }

  public LatencyFamily family() {
    return family;
  }

  public String id() {
    return family.id();
  }
}
