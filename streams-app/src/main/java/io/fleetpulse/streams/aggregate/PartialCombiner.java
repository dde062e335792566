package io.fleetpulse.streams.aggregate;

import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.streams.node.NodeStageOutput;
import io.fleetpulse.streams.state.NodeWindow;
import io.fleetpulse.streams.state.ScopeAggregate;
import io.fleetpulse.streams.state.ScopePartial;
import io.fleetpulse.streams.window.NodeScope;
import io.fleetpulse.streams.window.WindowStoreKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Combines before the shuffle: adds each node's final contribution to its node-stage task's partial
 * of every scope above node, and once the task's nodes are complete through a window's end and its
 * request events handed on past it, forwards each partial of the windows that are complete (one per
 * task, scope and window, not one per node) and then the progress mark itself. A node's own scope
 * is its contribution, forwarded as it comes.
 */
public final class PartialCombiner
    implements Processor<String, NodeStageOutput, String, ScopePartial> {

  /**
   * The key of progress marks on the repartition topic; {@link PartialPartitioner} sends them
   * everywhere.
   */
  public static final String PROGRESS_KEY = "progress";

  private final String storeName;
  private final NodeScope nodeScope;
  private ProcessorContext<String, ScopePartial> context;
  private KeyValueStore<String, ScopeAggregate> partials;
  private int partition;
  private long nodesCompleteThroughMs = Long.MIN_VALUE;
  private long eventsHandedOnThroughMs = Long.MIN_VALUE;
  private long completeThroughMs = Long.MIN_VALUE;
  private long forwardedThroughMs = -1;

  public PartialCombiner(String storeName, NodeScope nodeScope) {
    this.storeName = storeName;
    this.nodeScope = nodeScope;
  }

  @Override
  public void init(ProcessorContext<String, ScopePartial> context) {
    this.context = context;
    this.partials = context.getStateStore(storeName);
    this.partition = context.taskId().partition();
  }

  @Override
  public void process(Record<String, NodeStageOutput> record) {
    NodeStageOutput output = record.value();
    if (output.nodesCompleteThroughMs() != null || output.eventsHandedOnThroughMs() != null) {
      if (output.nodesCompleteThroughMs() != null) {
        nodesCompleteThroughMs = Math.max(nodesCompleteThroughMs, output.nodesCompleteThroughMs());
      } else {
        eventsHandedOnThroughMs =
            Math.max(eventsHandedOnThroughMs, output.eventsHandedOnThroughMs());
      }
      long complete = Math.min(nodesCompleteThroughMs, eventsHandedOnThroughMs);
      if (complete > Long.MIN_VALUE) {
        completeThroughMs = Math.max(completeThroughMs, complete);
        forwardThrough(completeThroughMs, record.timestamp());
      }
      return;
    }
    NodeWindow window = output.contribution();
    // A contribution to a window this task already said is complete (request events come after it)
    // is late for
    // combining: it goes on by itself at once.
    boolean late = window.getWindowEndMs() <= completeThroughMs;
    for (Scope scope : Scope.values()) {
      if (scope == Scope.NODE && !nodeScope.includes(window.getWindowSizeMs())) {
        continue;
      }
      if (scope == Scope.NODE || late) {
        forward(ScopeAggregates.of(scope, window), record.timestamp());
        continue;
      }
      String key = WindowStoreKey.of(window.getWindowEndMs(), ScopeAggregates.key(scope, window));
      ScopeAggregate added = ScopeAggregates.of(scope, window);
      ScopeAggregate kept = partials.get(key);
      partials.put(key, kept == null ? added : ScopeAggregates.merge(kept, added));
    }
  }

  private void forwardThrough(long completeThroughMs, long timestampMs) {
    List<String> forwarded = new ArrayList<>();
    // Nothing at or before the last forwarding is kept (later contributions to those windows go on
    // at once), so
    // the scan starts after it rather than walking over the deleted partials of every window since
    // the start.
    try (KeyValueIterator<String, ScopeAggregate> complete =
        partials.range(
            WindowStoreKey.after(forwardedThroughMs), WindowStoreKey.after(completeThroughMs))) {
      while (complete.hasNext()) {
        KeyValue<String, ScopeAggregate> partial = complete.next();
        forward(partial.value, timestampMs);
        forwarded.add(partial.key);
      }
    }
    forwarded.forEach(partials::delete);
    forwardedThroughMs = Math.max(forwardedThroughMs, completeThroughMs);
    context.forward(
        new Record<>(
            PROGRESS_KEY, new ScopePartial(partition, completeThroughMs, null), timestampMs));
  }

  private void forward(ScopeAggregate aggregate, long timestampMs) {
    context.forward(
        new Record<>(
            ScopeAggregates.key(aggregate),
            new ScopePartial(partition, Long.MIN_VALUE, aggregate),
            timestampMs));
  }
}
