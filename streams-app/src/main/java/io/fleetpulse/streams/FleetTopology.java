package io.fleetpulse.streams;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.NodeStats;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.aggregate.PartialCombiner;
import io.fleetpulse.streams.aggregate.PartialPartitioner;
import io.fleetpulse.streams.aggregate.ScopeStageOutput;
import io.fleetpulse.streams.aggregate.ScopeWindowCloser;
import io.fleetpulse.streams.decode.Decoded;
import io.fleetpulse.streams.decode.RecordChecks;
import io.fleetpulse.streams.decode.RecordDecoder;
import io.fleetpulse.streams.decode.ScrapeChecks;
import io.fleetpulse.streams.events.EventSketchProcessor;
import io.fleetpulse.streams.events.RequestEventChecks;
import io.fleetpulse.streams.health.PipelineBehind;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import io.fleetpulse.streams.node.NodeStageOutput;
import io.fleetpulse.streams.node.NodeStageProcessor;
import io.fleetpulse.streams.node.WallClockStandIn;
import io.fleetpulse.streams.rollup.RollupTopology;
import io.fleetpulse.streams.signal.SignalTopology;
import io.fleetpulse.streams.state.NodeState;
import io.fleetpulse.streams.state.PendingLatencies;
import io.fleetpulse.streams.state.ScopeAggregate;
import io.fleetpulse.streams.state.ScopePartial;
import io.fleetpulse.streams.window.WindowPolicy;
import java.util.Map;
import java.util.function.IntSupplier;
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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * scrapes -> decoder (undecodable or out of bounds -> dead-letter topic) -> node stage (counter and
 * histogram deltas apportioned to each node's open windows, handed on once per node and window when
 * the node reports past its end; drill-down records -> node-stats; pipeline-behind -> signals);
 * requests -> decoder -> event stage (latency sketches per node and window); both -> partial
 * combiner (one partial per task, scope and window) -> repartition by scope, progress marks to
 * every partition -> scope stage (windows closed once every node-stage task is complete through
 * their end) -> fleet-stats, and -> rollup tiers (1 m, 1 h, 1 d; {@link RollupTopology}). Every
 * processor, store and internal topic has a fixed name, so a changed topology keeps its state and
 * internal topics, and the names read well in metrics and logs.
 *
 * <p>The windowing is built by hand rather than with the DSL's {@code windowedBy(...).aggregate()}
 * and an emit-on-close strategy, because the DSL cannot do what the semantics need: a scrape
 * interval is apportioned across the windows it overlaps by overlap (the DSL puts a record in the
 * windows containing its timestamp); a window closes when every expected node has reported past its
 * end, not only when stream time passes end plus grace; nodes are combined per task before the
 * shuffle, so the scope stage merges one partial per task rather than one record per node; and the
 * wall clock may close a window only on a task that is caught up, which the DSL's stream-time-only
 * closing cannot express. {@link WindowPolicy} holds every one of those rules.
 */
public final class FleetTopology {

  /**
   * State stores and the repartition topic, named so that their changelog and internal topics are
   * stable.
   */
  public static final String NODE_STATE_STORE = "node-state";

  public static final String EVENT_LATENCY_STORE = "request-latencies";
  public static final String PARTIAL_STORE = "node-stage-partials";
  public static final String WINDOW_STORE = "scope-windows";
  public static final String WATERMARK_STORE = "scope-windows-progress";
  public static final String SCOPE_PARTIALS_REPARTITION = "scope-partials";

  private static final String NODE_STAGE = "node-stage";
  private static final String NODE_STAGE_SPLIT = "node-stage-";
  private static final String NODE_STATS = "node-stats";
  private static final String SIGNALS = "signals";
  private static final String CONTRIBUTIONS = "contributions";
  private static final String EVENT_STAGE = "event-stage";
  private static final String ALL_CONTRIBUTIONS = "all-contributions";
  private static final String COMBINER = "partial-combiner";
  private static final String SCOPE_STAGE = "scope-stage";
  private static final String SCOPE_STAGE_WINDOWS = "scope-stage-windows";
  private static final String FLEET_STATS_VALUE = "fleet-stats-value";
  private static final String FLEET_STATS_SINK = "fleet-stats-sink";
  private static final String UNDECODABLE = "undecodable";
  private static final String DECODED = "decoded";

  private FleetTopology() {}

  public static Topology build(Topics topics, StreamsAppConfig config) {
    return build(topics, config, new StreamsAppMetrics(), () -> 1);
  }

  /**
   * As {@link #build(Topics, StreamsAppConfig)}, counting what flows through into {@code metrics}.
   *
   * @param sourcePartitions how many node-stage tasks there are: the most partitions of the scrapes
   *     and requests topics, asked when a scope-stage task starts. The scope stage closes a window
   *     only once each of them has said it is complete through its end.
   */
  public static Topology build(
      Topics topics,
      StreamsAppConfig config,
      StreamsAppMetrics metrics,
      IntSupplier sourcePartitions) {
    WindowPolicy policy = config.windowPolicy();
    WallClockStandIn wallClock = new WallClockStandIn(policy, metrics::inputBacklogged);
    StreamsBuilder builder = new StreamsBuilder();
    addStore(builder, NODE_STATE_STORE, new AvroSerde<>(NodeState.class), false);
    addStore(builder, EVENT_LATENCY_STORE, new AvroSerde<>(PendingLatencies.class), false);
    // Each partial is read and rewritten for every node contribution of its window and deleted a
    // few seconds
    // later: the cache absorbs those rewrites, so the changelog sees about one write per partial.
    addStore(builder, PARTIAL_STORE, new AvroSerde<>(ScopeAggregate.class), true);
    addStore(builder, WINDOW_STORE, new AvroSerde<>(ScopeAggregate.class), true);
    addStore(builder, WATERMARK_STORE, Serdes.Long(), false);

    Map<String, KStream<String, NodeStageOutput>> nodeStage =
        decoded(
                builder,
                topics,
                StreamsAppMetrics.SCRAPES,
                topics.scrapes(),
                Scrape.class,
                new ScrapeChecks(),
                metrics)
            .process(
                () ->
                    new NodeStageProcessor(
                        NODE_STATE_STORE,
                        policy,
                        new PipelineBehind(policy, metrics.behindTasks()),
                        wallClock),
                Named.as(NODE_STAGE),
                NODE_STATE_STORE)
            .split(Named.as(NODE_STAGE_SPLIT))
            .branch((node, output) -> output.isStats(), Branched.as(NODE_STATS))
            .branch((node, output) -> output.isSignal(), Branched.as(SIGNALS))
            .defaultBranch(Branched.as(CONTRIBUTIONS));
    nodeStage
        .get(NODE_STAGE_SPLIT + NODE_STATS)
        .mapValues(NodeStageOutput::stats, Named.as("node-stats-value"))
        .peek(
            (node, stats) -> metrics.recordOut(StreamsAppMetrics.NODE_STATS),
            Named.as("node-stats-counted"))
        .to(
            topics.nodeStats(),
            Produced.with(Serdes.String(), new AvroSerde<>(NodeStats.class))
                .withName("node-stats-sink"));
    nodeStage
        .get(NODE_STAGE_SPLIT + SIGNALS)
        .mapValues(NodeStageOutput::signal, Named.as("signal-value"))
        .to(
            topics.signals(),
            Produced.with(Serdes.String(), new AvroSerde<>(Signal.class)).withName("signals-sink"));

    KStream<String, NodeStageOutput> eventContributions =
        decoded(
                builder,
                topics,
                StreamsAppMetrics.REQUESTS,
                topics.requests(),
                RequestEvent.class,
                new RequestEventChecks(config.maxRequestLatency()),
                metrics)
            .process(
                () -> new EventSketchProcessor(EVENT_LATENCY_STORE, policy, wallClock),
                Named.as(EVENT_STAGE),
                EVENT_LATENCY_STORE);

    KStream<String, ScopeStageOutput> scopeStage =
        nodeStage
            .get(NODE_STAGE_SPLIT + CONTRIBUTIONS)
            .merge(eventContributions, Named.as(ALL_CONTRIBUTIONS))
            .process(
                () -> new PartialCombiner(PARTIAL_STORE, config.nodeScopeSetting()),
                Named.as(COMBINER),
                PARTIAL_STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), new AvroSerde<>(ScopePartial.class))
                    .withStreamPartitioner(new PartialPartitioner())
                    .withName(SCOPE_PARTIALS_REPARTITION))
            .process(
                () ->
                    new ScopeWindowCloser(WINDOW_STORE, WATERMARK_STORE, sourcePartitions, metrics),
                Named.as(SCOPE_STAGE),
                WINDOW_STORE,
                WATERMARK_STORE);
    scopeStage
        .filter((key, output) -> output.isWindow(), Named.as(SCOPE_STAGE_WINDOWS))
        .mapValues(ScopeStageOutput::window, Named.as(FLEET_STATS_VALUE))
        .to(
            topics.fleetStats(),
            Produced.with(Serdes.String(), new AvroSerde<>(FleetWindow.class))
                .withName(FLEET_STATS_SINK));
    RollupTopology.addTo(builder, scopeStage, topics, policy.sizesMs(), metrics);
    SignalTopology.addTo(builder, topics, config.signals());
    return builder.build();
  }

  /** A persistent key-value store keyed by string, its changelog named after it. */
  public static <V> void addStore(
      StreamsBuilder builder, String name, Serde<V> values, boolean cached) {
    StoreBuilder<KeyValueStore<String, V>> store =
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    builder.addStateStore(cached ? store.withCachingEnabled() : store.withCachingDisabled());
  }

  /**
   * One input topic, decoded and checked: what cannot be used goes to the dead-letter topic
   * (processor names are prefixed with the input's name, e.g. {@code scrapes-decoder}); the rest is
   * returned.
   */
  private static <T extends SpecificRecord> KStream<String, T> decoded(
      StreamsBuilder builder,
      Topics topics,
      String input,
      String topic,
      Class<T> type,
      RecordChecks<T> checks,
      StreamsAppMetrics metrics) {
    Map<String, KStream<String, Decoded<T>>> branches =
        builder.stream(
                topic,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(input + "-source"))
            .process(
                () -> new RecordDecoder<>(input, type, checks, metrics),
                Named.as(input + "-decoder"))
            .split(Named.as(input + "-"))
            .branch((key, decoded) -> decoded.failed(), Branched.as(UNDECODABLE))
            .defaultBranch(Branched.as(DECODED));
    branches
        .get(input + "-" + UNDECODABLE)
        .mapValues(Decoded::raw, Named.as(input + "-dead-letter-value"))
        .to(
            topics.deadLetter(),
            Produced.with(Serdes.String(), Serdes.ByteArray())
                .withName(input + "-dead-letter-sink"));
    return branches
        .get(input + "-" + DECODED)
        .mapValues(Decoded::value, Named.as(input + "-value"));
  }
}
