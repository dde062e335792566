package io.fleetpulse.streams.node;

/** Which node a scrape came from, which model it served and which engine it runs at the time. */
public record NodeIdentity(String cluster, String instance, String model, String engine) {}
