package io.fleetpulse.sink;

import io.fleetpulse.schemas.FleetWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which nodes' windows are exported when {@code sink.node_scope} bounds them. Up to {@code
 * max_nodes} nodes are held; a node beyond them is taken only when it outranks ({@link NodeRank})
 * the lowest-ranked node held, which is then let go. A node whose latest window is older than the
 * staleness limit no longer counts.
 */
final class NodeSeriesLimit {

  /** What to do with a node-scope window. */
  sealed interface Admission {
    record Admit() implements Admission {}

    record AdmitEvicting(List<String> evicted) implements Admission {}

    record Refuse(DropReason reason) implements Admission {}
  }

  private static final Admission ADMIT = new Admission.Admit();

  private final NodeScopeConfig config;
  private final Duration staleAfter;
  private final Map<List<String>, Held> held = new HashMap<>();

  NodeSeriesLimit(NodeScopeConfig config, Duration staleAfter) {
    this.config = config;
    this.staleAfter = staleAfter;
  }

  synchronized Admission admit(List<String> node, FleetWindow window) {
    if (!config.enabled()) {
      return new Admission.Refuse(DropReason.NODE_SCOPE_DISABLED);
    }
    Held entry = new Held(NodeRank.of(window), window.getWindowEndMs());
    Held before = held.get(node);
    if (before != null) {
      if (!entry.end().isBefore(before.end())) {
        held.put(node, entry);
      }
      return ADMIT;
    }
    if (held.size() >= config.maxNodes()) {
      forgetStale(entry.end().minus(staleAfter));
    }
    if (held.size() < config.maxNodes()) {
      held.put(node, entry);
      return ADMIT;
    }
    Optional<List<String>> weakest = weakest();
    if (weakest.isPresent() && held.get(weakest.get()).rank().compareTo(entry.rank()) < 0) {
      held.remove(weakest.get());
      held.put(node, entry);
      return new Admission.AdmitEvicting(weakest.get());
    }
    return new Admission.Refuse(DropReason.MAX_NODES);
  }

  /** The nodes held whose latest window is still fresh at {@code now}. */
  synchronized int heldNodes(Instant now) {
    forgetStale(now.minus(staleAfter));
    return held.size();
  }

  private void forgetStale(Instant cutoff) {
    for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
      if (it.next().end().isBefore(cutoff)) {
        it.remove();
      }
    }
  }

  private Optional<List<String>> weakest() {
    return held.entrySet().stream()
        .min(Map.Entry.comparingByValue((a, b) -> a.rank().compareTo(b.rank())))
        .map(Map.Entry::getKey);
  }

  private record Held(NodeRank rank, Instant end) {}
}
