package io.fleetpulse.streams.node;

import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.streams.engine.CanonicalCounter;
import io.fleetpulse.streams.engine.NodeReading;
import io.fleetpulse.streams.engine.ScrapeReader;
import io.fleetpulse.streams.window.GaugeObservation;
import io.fleetpulse.streams.window.WindowSlice;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-node stage: remembers each node's last good scrape, turns the next one into counter increases over
 * the interval between them plus a gauge observation, and emits those as window slices stamped with the
 * scrape's time. Runs on the scrapes topic's partitioning, so one node's scrapes always meet the same state.
 */
public final class NodeStageProcessor implements Processor<String, Scrape, String, WindowSlice> {

  private static final Logger LOG = LoggerFactory.getLogger(NodeStageProcessor.class);
  /** Window ends are stored as 13 digits of epoch millis; this leaves room for the largest window after it. */
  private static final long MAX_TIMESTAMP_MS = 9_000_000_000_000L;

  private final String storeName;
  private final NodeSlicer slicer;
  private final ScrapeReader reader = new ScrapeReader();
  private ProcessorContext<String, WindowSlice> context;
  private KeyValueStore<String, NodeState> nodeStates;

  public NodeStageProcessor(String storeName, List<Duration> windowSizes) {
    this.storeName = storeName;
    this.slicer = new NodeSlicer(windowSizes);
  }

  @Override
  public void init(ProcessorContext<String, WindowSlice> context) {
    this.context = context;
    this.nodeStates = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Scrape> record) {
    Scrape scrape = record.value();
    String nodeId = NodeIdentity.id(scrape.getCluster(), scrape.getInstance());
    long now = scrape.getTimestampMs().toEpochMilli();
    if (now < 0 || now > MAX_TIMESTAMP_MS) {
      LOG.warn("ignoring scrape of {}: timestamp {} ms is outside 0..{}", nodeId, now, MAX_TIMESTAMP_MS);
      return;
    }
    NodeState previous = nodeStates.get(nodeId);
    if (previous != null && now <= previous.getLastTimestampMs()) {
      LOG.warn(
          "ignoring scrape of {} at {} ms: not after its previous good scrape at {} ms",
          nodeId, now, previous.getLastTimestampMs());
      return;
    }
    List<WindowSlice> slices = scrape.getUp() ? goodScrape(scrape, previous, now) : failedScrape(scrape, previous, now);
    for (WindowSlice slice : slices) {
      context.forward(new Record<>(nodeId, slice, now));
    }
  }

  private List<WindowSlice> goodScrape(Scrape scrape, NodeState previous, long now) {
    NodeReading reading = reader.read(scrape);
    NodeIdentity node = new NodeIdentity(scrape.getCluster(), scrape.getInstance(), reading.model());
    CounterDeltaTracker.Deltas deltas =
        CounterDeltaTracker.track(previous == null ? Map.of() : previous.getCounterSeries(), reading.counters());
    nodeStates.put(
        NodeIdentity.id(node.cluster(), node.instance()),
        new NodeState(now, reading.model(), new HashMap<>(deltas.series())));
    Map<String, Double> gauges = new HashMap<>();
    reading.gauges().forEach((gauge, value) -> gauges.put(gauge.id(), value));
    return slicer.slice(
        node,
        previous == null ? null : previous.getLastTimestampMs(),
        byId(deltas.increases()),
        new GaugeObservation(now, true, gauges));
  }

  /**
   * A failed scrape says only that the node was down; the counter state stays as it was, so the next good
   * scrape's interval reaches back over the whole outage and nothing the node counted meanwhile is lost.
   */
  private List<WindowSlice> failedScrape(Scrape scrape, NodeState previous, long now) {
    String model = ScrapeReader.targetModel(scrape);
    if (model == null) {
      model = previous == null ? NodeReading.UNKNOWN_MODEL : previous.getModel();
    }
    NodeIdentity node = new NodeIdentity(scrape.getCluster(), scrape.getInstance(), model);
    return slicer.slice(node, null, Map.of(), new GaugeObservation(now, false, Map.of()));
  }

  private static Map<String, Double> byId(Map<CanonicalCounter, Double> increases) {
    Map<String, Double> byId = new HashMap<>();
    increases.forEach((counter, increase) -> byId.put(counter.id(), increase));
    return byId;
  }
}
