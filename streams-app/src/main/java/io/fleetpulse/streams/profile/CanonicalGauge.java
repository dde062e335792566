package io.fleetpulse.streams.profile;

/** Engine-independent gauges; the id names them in the topology's internal records. */
public enum CanonicalGauge {
  REQUESTS_RUNNING("requests_running"),
  REQUESTS_WAITING("requests_waiting"),
  KV_CACHE_USAGE("kv_cache_usage"),
  /**
   * SGLang's retracted requests, its form of preemption; a gauge, so it is never turned into a
   * rate.
   */
  REQUESTS_RETRACTED("requests_retracted");

  private final String id;

  CanonicalGauge(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
