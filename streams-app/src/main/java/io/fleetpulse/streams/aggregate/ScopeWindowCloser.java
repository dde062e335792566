package io.fleetpulse.streams.aggregate;

import io.fleetpulse.schemas.logging.LogThrottle;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import io.fleetpulse.streams.state.ScopeAggregate;
import io.fleetpulse.streams.state.ScopePartial;
import io.fleetpulse.streams.window.WindowStoreKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scope stage: adds the node-stage tasks' partials of each scope and window, and emits a window
 * once, when every node-stage task has said it is complete through the window's end. It has no
 * clock of its own: each node-stage task decides how far it is complete (every node reported past,
 * or the grace passed by its stream time, or by the wall clock once it is idle), so a task that is
 * behind holds its windows back here rather than having them published without it. A partial for a
 * window already emitted is late: counted, never emitted.
 */
public final class ScopeWindowCloser
    implements Processor<String, ScopePartial, String, ScopeStageOutput> {

  private static final Logger LOG = LoggerFactory.getLogger(ScopeWindowCloser.class);
  private static final String SOURCE_PREFIX = "source/";
  // One line per quiet period for the whole app: a backlog can make thousands at once.
  private static final LogThrottle LATE = LogThrottle.every(Duration.ofSeconds(10));

  private final String windowStoreName;
  private final String progressStoreName;
  private final IntSupplier sourcePartitionCount;
  private int sourcePartitions;
  private final StreamsAppMetrics metrics;
  private final Map<Integer, Long> completeThroughBySource = new HashMap<>();
  private ProcessorContext<String, ScopeStageOutput> context;
  private KeyValueStore<String, ScopeAggregate> openWindows;
  private KeyValueStore<String, Long> progress;
  private ClosedThroughWatermark watermark;

  /**
   * @param sourcePartitions how many node-stage tasks there are, each sending its progress
   */
  public ScopeWindowCloser(
      String windowStoreName,
      String progressStoreName,
      IntSupplier sourcePartitions,
      StreamsAppMetrics metrics) {
    this.windowStoreName = windowStoreName;
    this.progressStoreName = progressStoreName;
    this.sourcePartitionCount = sourcePartitions;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, ScopeStageOutput> context) {
    this.context = context;
    this.openWindows = context.getStateStore(windowStoreName);
    this.progress = context.getStateStore(progressStoreName);
    this.watermark = new ClosedThroughWatermark(progress);
    this.sourcePartitions = sourcePartitionCount.getAsInt();
    try (KeyValueIterator<String, Long> all =
        progress.prefixScan(SOURCE_PREFIX, new StringSerializer())) {
      while (all.hasNext()) {
        KeyValue<String, Long> source = all.next();
        completeThroughBySource.put(
            Integer.parseInt(source.key.substring(SOURCE_PREFIX.length())), source.value);
      }
    }
  }

  @Override
  public void process(Record<String, ScopePartial> record) {
    ScopePartial partial = record.value();
    ScopeAggregate aggregate = partial.getAggregate();
    if (aggregate == null) {
      progressed(partial.getSourcePartition(), partial.getCompleteThroughMs(), record.timestamp());
      return;
    }
    long windowEnd = aggregate.getWindowEndMs();
    String windowKey = ScopeAggregates.key(aggregate);
    if (watermark.covers(windowEnd)) {
      metrics.lateSliceDropped();
      long heldBack = LATE.occurred();
      if (heldBack >= 0) {
        LOG.warn(
            "dropping a late partial of {} from node-stage partition {} for the window ending at {}"
                + " ms: windows are closed through {} ms, and that partition said it was complete"
                + " through {} ms{}",
            windowKey,
            partial.getSourcePartition(),
            windowEnd,
            watermark.closedThroughMs(),
            completeThroughBySource.get(partial.getSourcePartition()),
            LogThrottle.heldBackSuffix(heldBack));
      }
      return;
    }
    String storeKey = WindowStoreKey.of(windowEnd, windowKey);
    ScopeAggregate kept = openWindows.get(storeKey);
    openWindows.put(storeKey, kept == null ? aggregate : ScopeAggregates.merge(kept, aggregate));
  }

  private void progressed(int source, long completeThroughMs, long timestampMs) {
    Long before = completeThroughBySource.get(source);
    if (before != null && before >= completeThroughMs) {
      return;
    }
    completeThroughBySource.put(source, completeThroughMs);
    progress.put(SOURCE_PREFIX + source, completeThroughMs);
    if (completeThroughBySource.size() >= sourcePartitions) {
      closeThrough(
          completeThroughBySource.values().stream().mapToLong(Long::longValue).min().orElseThrow(),
          timestampMs);
    }
  }

  /**
   * Emits and forgets every open window ending at or before {@code windowEndMs}, in order of their
   * end, then says how far the task is closed: the rollup tiers close on it, whether or not a scope
   * had a window to emit.
   */
  private void closeThrough(long windowEndMs, long timestampMs) {
    if (watermark.covers(windowEndMs)) {
      return;
    }
    for (ScopeAggregate window : watermark.closeThrough(openWindows, windowEndMs)) {
      context.forward(
          new Record<>(
              ScopeAggregates.key(window),
              ScopeStageOutput.closed(FleetWindowFactory.create(window), window),
              window.getWindowEndMs()));
      metrics.recordOut(StreamsAppMetrics.FLEET_STATS);
    }
    context.forward(
        new Record<>(
            PartialCombiner.PROGRESS_KEY,
            ScopeStageOutput.closedThrough(windowEndMs),
            timestampMs));
  }
}
