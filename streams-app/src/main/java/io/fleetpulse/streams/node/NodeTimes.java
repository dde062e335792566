package io.fleetpulse.streams.node;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Nodes of one node-stage task ordered by one time each: in memory, rebuilt from the node-state
 * store when a task starts, so that each scrape costs a logarithmic update rather than a scan of
 * the task's nodes.
 */
final class NodeTimes {

  private final Map<String, Long> timeByNode = new HashMap<>();
  private final TreeMap<Long, Set<String>> nodesByTime = new TreeMap<>();

  void put(String nodeId, long timeMs) {
    remove(nodeId);
    timeByNode.put(nodeId, timeMs);
    nodesByTime.computeIfAbsent(timeMs, any -> new HashSet<>()).add(nodeId);
  }

  void remove(String nodeId) {
    Long before = timeByNode.remove(nodeId);
    if (before != null) {
      Set<String> nodes = nodesByTime.get(before);
      nodes.remove(nodeId);
      if (nodes.isEmpty()) {
        nodesByTime.remove(before);
      }
    }
  }

  /** The nodes whose time is at or before {@code timeMs}. */
  List<String> atOrBefore(long timeMs) {
    return nodesByTime.headMap(timeMs, true).values().stream().flatMap(Set::stream).toList();
  }

  OptionalLong earliest() {
    return nodesByTime.isEmpty() ? OptionalLong.empty() : OptionalLong.of(nodesByTime.firstKey());
  }
}
