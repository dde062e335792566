package io.fleetpulse.streams.node;

import io.fleetpulse.streams.state.NodeState;

import io.fleetpulse.schemas.NodeStats;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.streams.profile.NodeReading;
import io.fleetpulse.streams.profile.ScrapeReader;
import io.fleetpulse.streams.state.GaugeObservation;
import io.fleetpulse.streams.state.WindowSlice;
import io.fleetpulse.streams.window.WindowStoreKey;
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
 * The per-node stage: remembers each node's last good scrape, turns the next one into counter and histogram
 * bucket increases over the interval between them plus a gauge observation, and emits those as window slices
 * stamped with the scrape's time, together with the node's drill-down record for the interval. Runs on the
 * scrapes topic's partitioning, so one node's scrapes always meet the same state.
 */
public final class NodeStageProcessor implements Processor<String, Scrape, String, NodeStageOutput> {

  private static final Logger LOG = LoggerFactory.getLogger(NodeStageProcessor.class);

  private final String storeName;
  private final NodeSlicer slicer;
  private final ScrapeReader reader = new ScrapeReader();
  private ProcessorContext<String, NodeStageOutput> context;
  private KeyValueStore<String, NodeState> nodeStates;

  public NodeStageProcessor(String storeName, List<Duration> windowSizes) {
    this.storeName = storeName;
    this.slicer = new NodeSlicer(windowSizes);
  }

  @Override
  public void init(ProcessorContext<String, NodeStageOutput> context) {
    this.context = context;
    this.nodeStates = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Scrape> record) {
    Scrape scrape = record.value();
    String nodeId = NodeIdentity.id(scrape.getCluster(), scrape.getInstance());
    long now = scrape.getTimestampMs().toEpochMilli();
    if (now < 0 || now > WindowStoreKey.MAX_EVENT_TIME_MS) {
      LOG.warn("ignoring scrape of {}: timestamp {} ms is outside 0..{}",
          nodeId, now, WindowStoreKey.MAX_EVENT_TIME_MS);
      return;
    }
    NodeState previous = nodeStates.get(nodeId);
    if (previous != null && now <= previous.getLastTimestampMs()) {
      LOG.warn(
          "ignoring scrape of {} at {} ms: not after its previous good scrape at {} ms",
          nodeId, now, previous.getLastTimestampMs());
      return;
    }
    if (scrape.getUp()) {
      goodScrape(nodeId, scrape, previous, now);
    } else {
      failedScrape(nodeId, scrape, previous, now);
    }
  }

  private void goodScrape(String nodeId, Scrape scrape, NodeState previous, long now) {
    NodeReading reading = reader.read(scrape);
    NodeIdentity node = new NodeIdentity(scrape.getCluster(), scrape.getInstance(), reading.model());
    CounterDeltaTracker.Deltas counters =
        CounterDeltaTracker.track(previous == null ? Map.of() : previous.getCounterSeries(), reading.counters());
    HistogramDeltaTracker.Deltas histograms = HistogramDeltaTracker.track(
        previous == null ? Map.of() : previous.getHistogramSeries(), reading.histograms());
    nodeStates.put(nodeId, new NodeState(
        now, reading.model(), new HashMap<>(counters.series()), new HashMap<>(histograms.series())));
    Long intervalStart = previous == null ? null : previous.getLastTimestampMs();
    Map<String, Double> gauges = new HashMap<>();
    reading.gauges().forEach((gauge, value) -> gauges.put(gauge.id(), value));
    emit(nodeId, now, slicer.slice(
        node, intervalStart, counters.increases(), histograms.increases(), new GaugeObservation(now, true, gauges)));
    emit(nodeId, now, NodeStatsFactory.create(
        scrape, node, intervalStart, counters.increases(), histograms.increases(), reading.gauges()));
  }

  /**
   * A failed scrape says only that the node was down; the counter state stays as it was, so the next good
   * scrape's interval reaches back over the whole outage and nothing the node counted meanwhile is lost.
   */
  private void failedScrape(String nodeId, Scrape scrape, NodeState previous, long now) {
    String model = ScrapeReader.targetModel(scrape);
    if (model == null) {
      model = previous == null ? NodeReading.UNKNOWN_MODEL : previous.getModel();
    }
    NodeIdentity node = new NodeIdentity(scrape.getCluster(), scrape.getInstance(), model);
    emit(nodeId, now, slicer.slice(node, null, Map.of(), Map.of(), new GaugeObservation(now, false, Map.of())));
    emit(nodeId, now, NodeStatsFactory.create(scrape, node, null, Map.of(), Map.of(), Map.of()));
  }

  private void emit(String nodeId, long now, List<WindowSlice> slices) {
    for (WindowSlice slice : slices) {
      context.forward(new Record<>(nodeId, NodeStageOutput.of(slice), now));
    }
  }

  private void emit(String nodeId, long now, NodeStats stats) {
    context.forward(new Record<>(nodeId, NodeStageOutput.of(stats), now));
  }
}
