package io.fleetpulse.schemas.contract;

/** Where a latency quantile comes from: the exported {@code source} label. */
public enum LatencySource {
  /** PromQL's histogram_quantile over merged bucket deltas. */
  HISTOGRAM("histogram"),
  /** DDSketch over per-request events, 1% relative accuracy. */
  EVENTS("events");

  private final String id;

  LatencySource(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
