package io.fleetpulse.schemas.contract;

/**
 * The key of every node-keyed record (scrapes, request events, node stats): {@code
 * cluster/instance}. All of a node's records share a partition, in order, and the same instance
 * name in two clusters stays two nodes.
 */
public final class NodeKey {

  private NodeKey() {}

  public static String of(String cluster, String instance) {
    return cluster + "/" + instance;
  }
}
