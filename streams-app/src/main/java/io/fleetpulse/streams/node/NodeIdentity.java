package io.fleetpulse.streams.node;

/** Which node a scrape came from and which model it served at the time. */
public record NodeIdentity(String cluster, String instance, String model) {

  /** A node's id, unique across clusters, as the collector keys the scrapes topic. */
  public static String id(String cluster, String instance) {
    return cluster + "/" + instance;
  }
}
