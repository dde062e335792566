package io.fleetpulse.streams.events;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.contract.EngineName;
import io.fleetpulse.schemas.contract.EventTime;
import io.fleetpulse.schemas.contract.NodeKey;
import io.fleetpulse.streams.node.NodeStageOutput;
import io.fleetpulse.streams.node.WallClockStandIn;
import io.fleetpulse.streams.state.NodeWindow;
import io.fleetpulse.streams.state.PendingLatencies;
import io.fleetpulse.streams.window.TumblingWindows;
import io.fleetpulse.streams.window.WindowName;
import io.fleetpulse.streams.window.WindowPolicy;
import io.fleetpulse.streams.window.WindowStoreKey;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-node stage of request events: keeps the latencies of the requests each node finished in
 * each window (event time = arrival + end-to-end latency), and once the window has ended hands them
 * on as one contribution of DDSketches per node, so the partials merge a few sketches per node and
 * window rather than every request.
 *
 * <p>Each request is kept as its own small store entry, keyed by its window and request id, rather
 * than folded into a sketch stored per node: rewriting a sketch of hundreds of bins on every
 * request would cost far more than the request itself, in encoding and in changelog traffic. The
 * request id in the key also means a request delivered twice counts once.
 *
 * <p>Handing on early never loses anything: a request that finishes in a window after it was handed
 * on is kept again and handed on at the next check, and the partials merge both as long as the
 * window is open. When a window is handed on is the {@link WindowPolicy}'s to say; a task hands on
 * everything, and its events complete through the wall clock, only when the wall clock stands in
 * for the stream time of its scrapes too ({@link WallClockStandIn}).
 */
public final class EventSketchProcessor
    implements Processor<String, RequestEvent, String, NodeStageOutput> {

  private static final Duration HAND_ON_CHECK_INTERVAL = Duration.ofSeconds(1);

  private final String storeName;
  private final WindowPolicy policy;
  private final WallClockStandIn wallClock;
  private ProcessorContext<String, NodeStageOutput> context;
  private KeyValueStore<String, PendingLatencies> pending;

  /**
   * No pending request belongs to a window ending before this, so a hand-on scan starts here rather
   * than walking RocksDB's deleted keys of every window handed on since the start, a walk that
   * grows with the run until it stalls the stream thread. Unknown after a restart, so the first
   * scan starts at the beginning.
   */
  private long earliestPendingEndMs = 0;

  /**
   * @param wallClock whether the wall clock stands in for the task's stream time: the node stage
   *     decides, from its scrapes, and the events follow
   */
  public EventSketchProcessor(String storeName, WindowPolicy policy, WallClockStandIn wallClock) {
    this.storeName = storeName;
    this.policy = policy;
    this.wallClock = wallClock;
  }

  @Override
  public void init(ProcessorContext<String, NodeStageOutput> context) {
    this.context = context;
    this.pending = context.getStateStore(storeName);
    context.schedule(
        HAND_ON_CHECK_INTERVAL,
        PunctuationType.STREAM_TIME,
        streamTimeMs -> {
          handOnThrough(streamTimeMs);
          handedOnThrough(policy.eventsCompleteThrough(streamTimeMs));
        });
    context.schedule(
        HAND_ON_CHECK_INTERVAL,
        PunctuationType.WALL_CLOCK_TIME,
        wallClockMs -> {
          if (wallClock.standsIn(context.taskId().partition(), wallClockMs)) {
            handOnThrough(Long.MAX_VALUE);
            handedOnThrough(
                policy.eventsCompleteThrough(Math.max(wallClockMs, context.currentStreamTimeMs())));
          }
        });
  }

  @Override
  public void process(Record<String, RequestEvent> record) {
    RequestEvent event = record.value();
    long finishedAt = EventTime.of(event);
    Map<String, Double> latencies = new HashMap<>();
    RequestEventLatencies.of(event)
        .forEach((family, seconds) -> latencies.put(family.id(), seconds));
    for (long sizeMs : policy.sizesMs()) {
      long windowEnd = TumblingWindows.endOfWindowContaining(finishedAt, sizeMs);
      String key =
          WindowStoreKey.of(
              windowEnd,
              groupOf(event.getCluster(), event.getNode(), event.getModel(), sizeMs)
                  + "|"
                  + event.getRequestId());
      earliestPendingEndMs = Math.min(earliestPendingEndMs, windowEnd);
      pending.put(
          key,
          new PendingLatencies(
              event.getCluster(),
              event.getNode(),
              event.getModel(),
              sizeMs,
              windowEnd,
              finishedAt,
              latencies));
    }
  }

  /**
   * Hands on the requests of every window that ended at or before {@code timeMs}: one slice per
   * node, model and window, stamped with its latest request's time so that it never runs ahead of
   * the data.
   */
  private void handOnThrough(long timeMs) {
    List<String> handedOn = new ArrayList<>();
    Map<String, SketchedGroup> groups = new LinkedHashMap<>();
    long stillPendingEndMs = Long.MAX_VALUE;
    try (KeyValueIterator<String, PendingLatencies> entries =
        pending.range(
            WindowStoreKey.after(earliestPendingEndMs - 1), WindowStoreKey.after(Long.MAX_VALUE))) {
      while (entries.hasNext()) {
        KeyValue<String, PendingLatencies> entry = entries.next();
        long windowEndMs = WindowStoreKey.windowEndMs(entry.key);
        if (!policy.handOnEvents(windowEndMs, timeMs)) {
          stillPendingEndMs = windowEndMs;
          break;
        }
        PendingLatencies latencies = entry.value;
        String group =
            WindowStoreKey.of(
                latencies.getWindowEndMs(),
                groupOf(
                    latencies.getCluster(),
                    latencies.getNode(),
                    latencies.getModel(),
                    latencies.getWindowSizeMs()));
        groups.computeIfAbsent(group, any -> new SketchedGroup(latencies)).add(latencies);
        handedOn.add(entry.key);
      }
    }
    groups.values().forEach(group -> context.forward(group.toRecord()));
    handedOn.forEach(pending::delete);
    earliestPendingEndMs = stillPendingEndMs;
  }

  /**
   * Says how far this task's requests are handed on, so that no window is handed on from the task
   * before its requests are in it: the stream-time check runs after the record that moved stream
   * time, so after the scrape that completed a window.
   */
  private void handedOnThrough(long timeMs) {
    context.forward(
        new Record<>(
            null,
            NodeStageOutput.eventsHandedOnThrough(timeMs),
            Math.max(0, context.currentStreamTimeMs())));
  }

  /**
   * Keys of one node, model and window size; the window end goes in front of it, the request id
   * after it.
   */
  private static String groupOf(String cluster, String node, String model, long sizeMs) {
    return NodeKey.of(cluster, node) + "/" + model + "/" + WindowName.ofMillis(sizeMs);
  }

  /** The requests of one node, model and window, sketched. */
  private static final class SketchedGroup {

    private final PendingLatencies first;
    private final Map<String, DDSketch> sketches = new HashMap<>();
    private long latestMs = Long.MIN_VALUE;

    SketchedGroup(PendingLatencies first) {
      this.first = first;
    }

    void add(PendingLatencies latencies) {
      latencies
          .getLatencies()
          .forEach(
              (family, seconds) ->
                  sketches.computeIfAbsent(family, any -> LatencySketches.empty()).accept(seconds));
      latestMs = Math.max(latestMs, latencies.getFinishedMs());
    }

    Record<String, NodeStageOutput> toRecord() {
      Map<String, ByteBuffer> encoded = new HashMap<>();
      sketches.forEach((family, sketch) -> encoded.put(family, LatencySketches.encode(sketch)));
      NodeWindow window =
          new NodeWindow(
              first.getCluster(),
              first.getNode(),
              first.getModel(),
              EngineName.UNKNOWN,
              first.getWindowSizeMs(),
              first.getWindowEndMs(),
              0L,
              new HashMap<>(),
              new HashMap<>(),
              null,
              encoded);
      return new Record<>(
          NodeKey.of(first.getCluster(), first.getNode()), NodeStageOutput.of(window), latestMs);
    }
  }
}
