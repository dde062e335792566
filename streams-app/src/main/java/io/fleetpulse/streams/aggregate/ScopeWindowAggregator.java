package io.fleetpulse.streams.aggregate;

import io.fleetpulse.streams.state.WindowState;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import io.fleetpulse.streams.scope.Scope;
import io.fleetpulse.streams.scope.ScopeKey;
import io.fleetpulse.streams.state.ScopedSlice;
import io.fleetpulse.streams.window.WindowName;
import io.fleetpulse.streams.state.WindowSlice;
import io.fleetpulse.streams.window.WindowStoreKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sums the slices of each scope and window and emits the window once, when it closes: when stream time
 * passes its end plus the grace period, or, should input stop, when the wall clock passes its end plus twice
 * the grace. A slice for a window that has already closed is late: it is counted and dropped, never added
 * to an emitted window and never the cause of a second emission.
 *
 * <p>The wall clock only closes windows once this task has seen no input for a whole grace period. While
 * records flow, stream time closes windows on its own; were the wall clock to close them too, a backlog
 * processed after downtime (or a replay) would find every one of its windows already closed and be dropped.
 */
public final class ScopeWindowAggregator implements Processor<String, ScopedSlice, String, FleetWindow> {

  private static final Logger LOG = LoggerFactory.getLogger(ScopeWindowAggregator.class);
  private static final Duration CLOSE_CHECK_INTERVAL = Duration.ofSeconds(1);

  private final String windowStoreName;
  private final String watermarkStoreName;
  private final long graceMs;
  private final StreamsAppMetrics metrics;
  private ProcessorContext<String, FleetWindow> context;
  private KeyValueStore<String, WindowState> openWindows;
  private ClosedThroughWatermark watermark;
  private long lastInputWallClockMs;

  public ScopeWindowAggregator(
      String windowStoreName, String watermarkStoreName, Duration grace, StreamsAppMetrics metrics) {
    this.windowStoreName = windowStoreName;
    this.watermarkStoreName = watermarkStoreName;
    this.graceMs = grace.toMillis();
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, FleetWindow> context) {
    this.context = context;
    this.openWindows = context.getStateStore(windowStoreName);
    this.watermark = new ClosedThroughWatermark(context.getStateStore(watermarkStoreName));
    this.lastInputWallClockMs = context.currentSystemTimeMs();
    context.schedule(CLOSE_CHECK_INTERVAL, PunctuationType.STREAM_TIME, streamTime -> closeByStreamTime());
    context.schedule(CLOSE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::closeByWallClock);
  }

  @Override
  public void process(Record<String, ScopedSlice> record) {
    lastInputWallClockMs = context.currentSystemTimeMs();
    WindowSlice slice = record.value().getSlice();
    ScopeKey scope = ScopeKey.of(Scope.fromLabel(record.value().getScope()), slice);
    String windowKey = scope.windowKey(WindowName.ofMillis(slice.getWindowSizeMs()));
    long windowEnd = slice.getWindowEndMs();
    long streamTime = context.currentStreamTimeMs();
    if (watermark.covers(windowEnd) || windowEnd + graceMs <= streamTime) {
      metrics.lateSliceDropped();
      LOG.debug(
          "dropping late slice of {} from node {}/{} for window ending at {} ms: "
              + "closed through {} ms, stream time {} ms",
          windowKey, slice.getCluster(), slice.getNode(), windowEnd, watermark.closedThroughMs(), streamTime);
      return;
    }
    String storeKey = WindowStoreKey.of(windowEnd, windowKey);
    openWindows.put(storeKey, WindowAccumulator.add(openWindows.get(storeKey), scope, slice));
    closeByStreamTime();
  }

  private void closeByStreamTime() {
    closeThrough(context.currentStreamTimeMs() - graceMs);
  }

  private void closeByWallClock(long wallClockMs) {
    if (wallClockMs - lastInputWallClockMs >= graceMs) {
      closeThrough(wallClockMs - 2 * graceMs);
    }
  }

  /** Emits and forgets every open window ending at or before {@code windowEndMs}, in order of their end. */
  private void closeThrough(long windowEndMs) {
    if (watermark.covers(windowEndMs)) {
      return;
    }
    List<String> closed = new ArrayList<>();
    // Every window up to the watermark is closed and deleted, so the scan starts after it.
    try (KeyValueIterator<String, WindowState> windows = openWindows.range(
        WindowStoreKey.after(watermark.closedThroughMs()), WindowStoreKey.after(windowEndMs))) {
      while (windows.hasNext()) {
        KeyValue<String, WindowState> window = windows.next();
        emit(window.value);
        closed.add(window.key);
      }
    }
    closed.forEach(openWindows::delete);
    watermark.advanceTo(windowEndMs);
  }

  private void emit(WindowState state) {
    ScopeKey scope =
        new ScopeKey(Scope.fromLabel(state.getScope()), state.getCluster(), state.getModel(), state.getNode());
    String key = scope.windowKey(WindowName.ofMillis(state.getWindowSizeMs()));
    context.forward(new Record<>(key, FleetWindowFactory.create(state), state.getWindowEndMs()));
    metrics.recordOut(StreamsAppMetrics.FLEET_STATS);
  }
}
