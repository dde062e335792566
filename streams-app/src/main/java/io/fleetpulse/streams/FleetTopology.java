package io.fleetpulse.streams;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.NodeStats;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.aggregate.ScopeWindowAggregator;
import io.fleetpulse.streams.state.WindowState;
import io.fleetpulse.streams.events.EventSketchProcessor;
import io.fleetpulse.streams.state.PendingLatencies;
import io.fleetpulse.streams.events.RequestEventChecks;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import io.fleetpulse.streams.decode.Decoded;
import io.fleetpulse.streams.decode.RecordDecoder;
import io.fleetpulse.streams.node.NodeStageOutput;
import io.fleetpulse.streams.node.NodeStageProcessor;
import io.fleetpulse.streams.state.NodeState;
import io.fleetpulse.streams.scope.ScopeFanOut;
import io.fleetpulse.streams.signal.SignalTopology;
import io.fleetpulse.streams.state.ScopedSlice;
import io.fleetpulse.streams.state.WindowSlice;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * scrapes -> decoder (undecodable -> dead-letter topic) -> node stage (counter and histogram deltas, apportioned
 * to windows; drill-down records -> node-stats); requests -> decoder (undecodable or invalid -> dead-letter
 * topic) -> event stage (latency sketches per node and window); both -> fan-out to scopes -> repartition by
 * scope and window size -> windowed aggregation -> fleet-stats. Every processor, store and internal topic has a
 * fixed name, so a changed topology keeps its state and internal topics, and the names read well in metrics
 * and logs.
 */
public final class FleetTopology {

  /** State stores and the repartition topic, named so that their changelog and internal topics are stable. */
  public static final String NODE_STATE_STORE = "node-state";
  public static final String EVENT_LATENCY_STORE = "request-latencies";
  public static final String WINDOW_STORE = "scope-windows";
  public static final String WATERMARK_STORE = "scope-windows-closed-through";
  public static final String SCOPE_SLICES_REPARTITION = "scope-slices";

  private static final String NODE_STAGE = "node-stage";
  private static final String NODE_STAGE_SPLIT = "node-stage-";
  private static final String NODE_STATS = "node-stats";
  private static final String NODE_SLICES = "slices";
  private static final String EVENT_STAGE = "event-stage";
  private static final String ALL_SLICES = "all-slices";
  private static final String SCOPE_FAN_OUT = "scope-fan-out";
  private static final String WINDOW_AGGREGATOR = "scope-window-aggregator";
  private static final String FLEET_STATS_SINK = "fleet-stats-sink";
  private static final String UNDECODABLE = "undecodable";
  private static final String DECODED = "decoded";

  private FleetTopology() {}

  public static Topology build(Topics topics, StreamsAppConfig config) {
    return build(topics, config, new StreamsAppMetrics());
  }

  /** As {@link #build(Topics, StreamsAppConfig)}, counting what flows through into {@code metrics}. */
  public static Topology build(Topics topics, StreamsAppConfig config, StreamsAppMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    addStore(builder, NODE_STATE_STORE, new AvroSerde<>(NodeState.class));
    addStore(builder, EVENT_LATENCY_STORE, new AvroSerde<>(PendingLatencies.class));
    addStore(builder, WINDOW_STORE, new AvroSerde<>(WindowState.class));
    addStore(builder, WATERMARK_STORE, Serdes.Long());

    // A scrape's remaining checks (its timestamp against the node's last one) need the node's state: the node
    // stage makes them.
    Map<String, KStream<String, NodeStageOutput>> nodeStage = decoded(builder, topics, StreamsAppMetrics.SCRAPES,
            topics.scrapes(), Scrape.class, scrape -> null, metrics)
        .process(() -> new NodeStageProcessor(NODE_STATE_STORE, config.windows()), Named.as(NODE_STAGE),
            NODE_STATE_STORE)
        .split(Named.as(NODE_STAGE_SPLIT))
        .branch((node, output) -> output.isStats(), Branched.as(NODE_STATS))
        .defaultBranch(Branched.as(NODE_SLICES));
    nodeStage.get(NODE_STAGE_SPLIT + NODE_STATS)
        .mapValues(NodeStageOutput::stats, Named.as("node-stats-value"))
        .peek((node, stats) -> metrics.recordOut(StreamsAppMetrics.NODE_STATS), Named.as("node-stats-counted"))
        .to(topics.nodeStats(), Produced.with(Serdes.String(), new AvroSerde<>(NodeStats.class))
            .withName("node-stats-sink"));
    KStream<String, WindowSlice> scrapeSlices = nodeStage.get(NODE_STAGE_SPLIT + NODE_SLICES)
        .mapValues(NodeStageOutput::slice, Named.as("node-slice"));

    KStream<String, WindowSlice> eventSlices = decoded(builder, topics, StreamsAppMetrics.REQUESTS,
            topics.requests(), RequestEvent.class, RequestEventChecks::problem, metrics)
        .process(() -> new EventSketchProcessor(EVENT_LATENCY_STORE, config.windows(), config.grace()),
            Named.as(EVENT_STAGE), EVENT_LATENCY_STORE);

    scrapeSlices.merge(eventSlices, Named.as(ALL_SLICES))
        .flatMap(new ScopeFanOut(), Named.as(SCOPE_FAN_OUT))
        .repartition(Repartitioned.with(Serdes.String(), new AvroSerde<>(ScopedSlice.class))
            .withName(SCOPE_SLICES_REPARTITION))
        .process(
            () -> new ScopeWindowAggregator(WINDOW_STORE, WATERMARK_STORE, config.grace(), metrics),
            Named.as(WINDOW_AGGREGATOR),
            WINDOW_STORE,
            WATERMARK_STORE)
        .to(topics.fleetStats(), Produced.with(Serdes.String(), new AvroSerde<>(FleetWindow.class))
            .withName(FLEET_STATS_SINK));
    SignalTopology.addTo(builder, topics, config.signals());
    return builder.build();
  }

  private static <V> void addStore(StreamsBuilder builder, String name, Serde<V> values) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values));
  }

  /**
   * One input topic, decoded and checked: what cannot be used goes to the dead-letter topic (processor names
   * are prefixed with the input's name, e.g. {@code scrapes-decoder}); the rest is returned.
   */
  private static <T extends SpecificRecord> KStream<String, T> decoded(
      StreamsBuilder builder, Topics topics, String input, String topic, Class<T> type,
      Function<T, String> checks, StreamsAppMetrics metrics) {
    Map<String, KStream<String, Decoded<T>>> branches = builder
        .stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(input + "-source"))
        .process(() -> new RecordDecoder<>(input, type, checks, metrics), Named.as(input + "-decoder"))
        .split(Named.as(input + "-"))
        .branch((key, decoded) -> decoded.failed(), Branched.as(UNDECODABLE))
        .defaultBranch(Branched.as(DECODED));
    branches.get(input + "-" + UNDECODABLE)
        .mapValues(Decoded::raw, Named.as(input + "-dead-letter-value"))
        .to(topics.deadLetter(), Produced.with(Serdes.String(), Serdes.ByteArray())
            .withName(input + "-dead-letter-sink"));
    return branches.get(input + "-" + DECODED).mapValues(Decoded::value, Named.as(input + "-value"));
  }
}
