package io.fleetpulse.streams.node;

import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.contract.EngineName;
import io.fleetpulse.schemas.contract.NodeKey;
import io.fleetpulse.streams.health.PipelineBehind;
import io.fleetpulse.streams.profile.NodeReading;
import io.fleetpulse.streams.profile.ScrapeReader;
import io.fleetpulse.streams.state.GaugeObservation;
import io.fleetpulse.streams.state.NodeState;
import io.fleetpulse.streams.state.NodeWindow;
import io.fleetpulse.streams.window.WindowPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The per-node stage: remembers each node's last good scrape, turns the next one into counter and
 * histogram bucket increases over the interval between them, apportions those to the node's open
 * windows with its gauge observation, and hands a window on once, final, when the node reports past
 * its end (or the grace has passed since it ended). It also says how far the task is complete, so
 * the scope stage can close a window as soon as every task has handed it on, and emits each node's
 * drill-down record. Runs on the scrapes topic's partitioning, so one node's scrapes always meet
 * the same state.
 *
 * <p>A failed scrape does not make a node final in a window: its next good scrape's interval
 * reaches back over the outage and belongs in the windows it overlaps. So a node is final through
 * its last good scrape; through its last report when it never had one or has been down for longer
 * than the grace (then what its next good scrape reaches back over is late for the windows already
 * closed, and counted as such). A node that has not reported for the grace is no longer waited for.
 */
public final class NodeStageProcessor
    implements Processor<String, Scrape, String, NodeStageOutput> {

  private static final Logger LOG = LoggerFactory.getLogger(NodeStageProcessor.class);
  private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private final String storeName;
  private final WindowPolicy policy;
  private final PipelineBehind behind;
  private final WallClockStandIn wallClock;
  private final ScrapeReader reader = new ScrapeReader();
  private final NodeTimes lastReport = new NodeTimes();
  private final NodeTimes finalThrough = new NodeTimes();
  private final NodeTimes nextWindowEnd = new NodeTimes();
  private ProcessorContext<String, NodeStageOutput> context;
  private KeyValueStore<String, NodeState> nodeStates;
  private long lastInputWallClockMs;
  private Long sentCompleteThroughMs;

  /**
   * The newest scrape this task has taken: its own stream time. The task's stream time also counts
   * the request events of its partition, and when their partition is read ahead of the scrapes' (a
   * backlog of events, ten to a hundred per scrape), it runs ahead of every node's last scrape:
   * forcing windows closed by it handed on the windows of nodes that were not late at all, each in
   * two pieces, so a node counted twice at a third of its observed time.
   */
  private long scrapeStreamTimeMs = Long.MIN_VALUE;

  /**
   * @param wallClock where this task says how long it has had no scrape, and asks whether the wall
   *     clock stands in for its stream time
   */
  public NodeStageProcessor(
      String storeName, WindowPolicy policy, PipelineBehind behind, WallClockStandIn wallClock) {
    this.storeName = storeName;
    this.policy = policy;
    this.behind = behind;
    this.wallClock = wallClock;
  }

  @Override
  public void init(ProcessorContext<String, NodeStageOutput> context) {
    this.context = context;
    this.nodeStates = context.getStateStore(storeName);
    this.lastInputWallClockMs = context.currentSystemTimeMs();
    try (KeyValueIterator<String, NodeState> all = nodeStates.all()) {
      while (all.hasNext()) {
        KeyValue<String, NodeState> entry = all.next();
        index(entry.key, entry.value);
      }
    }
    wallClock.heard(partition(), lastInputWallClockMs, lastReport.earliest().isPresent());
    context.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::check);
  }

  @Override
  public void process(Record<String, Scrape> record) {
    lastInputWallClockMs = context.currentSystemTimeMs();
    // Whether taken or ignored as out of order, a scrape means its node is known here.
    wallClock.heard(partition(), lastInputWallClockMs, true);
    Scrape scrape = record.value();
    String nodeId = NodeKey.of(scrape.getCluster(), scrape.getInstance());
    long now = scrape.getTimestampMs().toEpochMilli();
    signal(behind.observe(context.taskId().toString(), lastInputWallClockMs, now));
    NodeState previous = nodeStates.get(nodeId);
    if (previous != null && now <= previous.getLastReportMs()) {
      LOG.warn(
          "ignoring scrape of {} at {} ms: not after its previous scrape at {} ms",
          nodeId,
          now,
          previous.getLastReportMs());
      return;
    }
    NodeState updated =
        scrape.getUp() ? goodScrape(scrape, previous, now) : failedScrape(scrape, previous, now);
    nodeStates.put(nodeId, updated);
    index(nodeId, updated);
    progress(scrapeStreamTimeMs, false);
  }

  private NodeState goodScrape(Scrape scrape, NodeState previous, long now) {
    NodeReading reading = reader.read(scrape);
    NodeIdentity node =
        new NodeIdentity(
            scrape.getCluster(), scrape.getInstance(), reading.model(), engine(scrape));
    CounterDeltaTracker.Deltas counters =
        CounterDeltaTracker.track(
            previous == null ? Map.of() : previous.getCounterSeries(), reading.counters());
    HistogramDeltaTracker.Deltas histograms =
        HistogramDeltaTracker.track(
            previous == null ? Map.of() : previous.getHistogramSeries(), reading.histograms());
    Long intervalStart = previous == null ? null : previous.getLastGoodMs();
    OpenWindows open = open(previous);
    if (intervalStart != null) {
      open.addInterval(node, intervalStart, now, counters.increases(), histograms.increases());
    }
    Map<String, Double> gauges = new HashMap<>();
    reading.gauges().forEach((gauge, value) -> gauges.put(gauge.id(), value));
    open.observe(node, new GaugeObservation(now, true, gauges));
    handOn(open.takeEndingBy(now));
    forward(
        scrape.getCluster(),
        now,
        NodeStageOutput.of(
            NodeStatsFactory.create(
                scrape,
                node,
                intervalStart,
                counters.increases(),
                histograms.increases(),
                reading.gauges())));
    return new NodeState(
        now,
        now,
        reading.model(),
        node.engine(),
        new HashMap<>(counters.series()),
        new HashMap<>(histograms.series()),
        open.windows());
  }

  /**
   * A failed scrape says only that the node was down; the counter state stays as it was, so the
   * next good scrape's interval reaches back over the whole outage and nothing the node counted
   * meanwhile is lost.
   */
  private NodeState failedScrape(Scrape scrape, NodeState previous, long now) {
    String model = ScrapeReader.targetModel(scrape);
    if (model == null) {
      model = previous == null ? NodeReading.UNKNOWN_MODEL : previous.getModel();
    }
    String engine = previous == null ? engine(scrape) : previous.getEngine();
    NodeIdentity node = new NodeIdentity(scrape.getCluster(), scrape.getInstance(), model, engine);
    OpenWindows open = open(previous);
    open.observe(node, new GaugeObservation(now, false, Map.of()));
    if (finalThroughMs(previous == null ? null : previous.getLastGoodMs(), now) == now) {
      handOn(open.takeEndingBy(now));
    }
    forward(
        scrape.getCluster(),
        now,
        NodeStageOutput.of(
            NodeStatsFactory.create(scrape, node, null, Map.of(), Map.of(), Map.of())));
    if (previous == null) {
      return new NodeState(
          now, null, model, engine, new HashMap<>(), new HashMap<>(), open.windows());
    }
    previous.setLastReportMs(now);
    previous.setOpenWindows(open.windows());
    return previous;
  }

  /**
   * On the wall clock: an idle task (so one caught up) lets the clock stand in for the stream time
   * it lacks.
   */
  private void check(long wallClockMs) {
    if (wallClock.standsIn(partition(), wallClockMs)) {
      signal(behind.idle(context.taskId().toString(), wallClockMs));
      progress(Math.max(wallClockMs, scrapeStreamTimeMs), true);
      wallClock.knowsNodes(partition(), lastReport.earliest().isPresent());
    } else if (sentCompleteThroughMs != null) {
      forwardProgress(sentCompleteThroughMs);
    }
  }

  /**
   * Hands on every window of the nodes no longer expected, forces out the windows that ended a
   * grace before {@code nowMs}, and says how far the task is complete, when that passed a window
   * end or {@code always}.
   */
  private void progress(long nowMs, boolean always) {
    long forced = policy.forcedThrough(nowMs);
    for (String nodeId : lastReport.atOrBefore(forced)) {
      NodeState state = nodeStates.get(nodeId);
      OpenWindows open = open(state);
      handOn(open.takeEndingBy(Long.MAX_VALUE));
      state.setOpenWindows(open.windows());
      nodeStates.put(nodeId, state);
      lastReport.remove(nodeId);
      finalThrough.remove(nodeId);
      nextWindowEnd.remove(nodeId);
    }
    for (String nodeId : nextWindowEnd.atOrBefore(forced)) {
      NodeState state = nodeStates.get(nodeId);
      OpenWindows open = open(state);
      handOn(open.takeEndingBy(forced));
      state.setOpenWindows(open.windows());
      nodeStates.put(nodeId, state);
      index(nodeId, state);
    }
    long complete = policy.completeThrough(finalThrough.earliest(), nowMs);
    if (always
        || sentCompleteThroughMs == null
        || complete >= policy.nextWindowEndAfter(sentCompleteThroughMs)) {
      sentCompleteThroughMs = complete;
      forwardProgress(complete);
    }
  }

  /**
   * Stamped with stream time, never the wall clock: what this stage forwards must not run ahead of
   * its input.
   */
  private void forwardProgress(long completeThroughMs) {
    context.forward(
        new Record<>(
            null,
            NodeStageOutput.nodesCompleteThrough(completeThroughMs),
            Math.max(0, context.currentStreamTimeMs())));
  }

  private int partition() {
    return context.taskId().partition();
  }

  private void index(String nodeId, NodeState state) {
    lastReport.put(nodeId, state.getLastReportMs());
    scrapeStreamTimeMs = Math.max(scrapeStreamTimeMs, state.getLastReportMs());
    finalThrough.put(nodeId, finalThroughMs(state.getLastGoodMs(), state.getLastReportMs()));
    long earliestEnd = Long.MAX_VALUE;
    for (NodeWindow window : state.getOpenWindows()) {
      earliestEnd = Math.min(earliestEnd, window.getWindowEndMs());
    }
    if (earliestEnd == Long.MAX_VALUE) {
      nextWindowEnd.remove(nodeId);
    } else {
      nextWindowEnd.put(nodeId, earliestEnd);
    }
  }

  /** How far a node whose last good scrape and last report are these has handed on its windows. */
  private long finalThroughMs(Long lastGoodMs, long lastReportMs) {
    return lastGoodMs == null || lastGoodMs < policy.forcedThrough(lastReportMs)
        ? lastReportMs
        : lastGoodMs;
  }

  private OpenWindows open(NodeState state) {
    return new OpenWindows(state == null ? List.of() : state.getOpenWindows(), policy.sizesMs());
  }

  private void handOn(List<NodeWindow> windows) {
    for (NodeWindow window : windows) {
      forward(
          window.getCluster(),
          Math.max(0, context.currentStreamTimeMs()),
          NodeStageOutput.of(window));
    }
  }

  private void forward(String cluster, long timeMs, NodeStageOutput output) {
    String key =
        output.contribution() != null
            ? NodeKey.of(cluster, output.contribution().getNode())
            : NodeKey.of(cluster, output.stats().getNode());
    context.forward(new Record<>(key, output, timeMs));
  }

  private void signal(Signal signal) {
    if (signal != null) {
      context.forward(
          new Record<>(
              PipelineBehind.KEY,
              NodeStageOutput.of(signal),
              signal.getUpdatedMs().toEpochMilli()));
    }
  }

  private static String engine(Scrape scrape) {
    return scrape.getEngine() == null || scrape.getEngine().isBlank()
        ? EngineName.UNKNOWN
        : scrape.getEngine();
  }
}
