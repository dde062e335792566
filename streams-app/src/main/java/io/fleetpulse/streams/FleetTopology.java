package io.fleetpulse.streams;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.aggregate.LateSliceCounter;
import io.fleetpulse.streams.aggregate.ScopeWindowAggregator;
import io.fleetpulse.streams.aggregate.WindowState;
import io.fleetpulse.streams.ingest.DecodedScrape;
import io.fleetpulse.streams.ingest.ScrapeDecoder;
import io.fleetpulse.streams.node.NodeStageProcessor;
import io.fleetpulse.streams.node.NodeState;
import io.fleetpulse.streams.scope.ScopeFanOut;
import io.fleetpulse.streams.scope.ScopedSlice;
import java.util.Map;
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
 * scrapes -> decoder (undecodable -> dead-letter topic) -> node stage (counter deltas, apportioned to
 * windows) -> fan-out to scopes -> repartition by scope and window size -> windowed aggregation ->
 * fleet-stats. Every processor, store and internal topic has a fixed name, so a changed topology keeps its
 * state and internal topics, and the names read well in metrics and logs.
 */
public final class FleetTopology {

  /** State stores and the repartition topic, named so that their changelog and internal topics are stable. */
  public static final String NODE_STATE_STORE = "node-state";
  public static final String WINDOW_STORE = "scope-windows";
  public static final String WATERMARK_STORE = "scope-windows-closed-through";
  public static final String SCOPE_SLICES_REPARTITION = "scope-slices";

  private static final String SCRAPES_SOURCE = "scrapes-source";
  private static final String SCRAPE_DECODER = "scrape-decoder";
  private static final String SCRAPES_SPLIT = "scrapes-";
  private static final String UNDECODABLE = "undecodable";
  private static final String DECODED = "decoded";
  private static final String DEAD_LETTER_VALUE = "dead-letter-value";
  private static final String DEAD_LETTER_SINK = "dead-letter-sink";
  private static final String DECODED_SCRAPE = "decoded-scrape";
  private static final String NODE_STAGE = "node-stage";
  private static final String SCOPE_FAN_OUT = "scope-fan-out";
  private static final String WINDOW_AGGREGATOR = "scope-window-aggregator";
  private static final String FLEET_STATS_SINK = "fleet-stats-sink";

  private FleetTopology() {}

  public static Topology build(Topics topics, StreamsAppConfig config) {
    return build(topics, config, new LateSliceCounter());
  }

  /** As {@link #build(Topics, StreamsAppConfig)}, counting late slices into {@code lateSlices}. */
  public static Topology build(Topics topics, StreamsAppConfig config, LateSliceCounter lateSlices) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(NODE_STATE_STORE), Serdes.String(), new AvroSerde<>(NodeState.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(WINDOW_STORE), Serdes.String(), new AvroSerde<>(WindowState.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(WATERMARK_STORE), Serdes.String(), Serdes.Long()));

    Map<String, KStream<String, DecodedScrape>> decoded = builder
        .stream(topics.scrapes(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SCRAPES_SOURCE))
        .process(ScrapeDecoder::new, Named.as(SCRAPE_DECODER))
        .split(Named.as(SCRAPES_SPLIT))
        .branch((key, scrape) -> scrape.failed(), Branched.as(UNDECODABLE))
        .defaultBranch(Branched.as(DECODED));

    decoded.get(SCRAPES_SPLIT + UNDECODABLE)
        .mapValues(DecodedScrape::raw, Named.as(DEAD_LETTER_VALUE))
        .to(topics.deadLetter(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(DEAD_LETTER_SINK));

    decoded.get(SCRAPES_SPLIT + DECODED)
        .mapValues(DecodedScrape::scrape, Named.as(DECODED_SCRAPE))
        .process(
            () -> new NodeStageProcessor(NODE_STATE_STORE, config.windows()), Named.as(NODE_STAGE), NODE_STATE_STORE)
        .flatMap(new ScopeFanOut(), Named.as(SCOPE_FAN_OUT))
        .repartition(Repartitioned.with(Serdes.String(), new AvroSerde<>(ScopedSlice.class))
            .withName(SCOPE_SLICES_REPARTITION))
        .process(
            () -> new ScopeWindowAggregator(WINDOW_STORE, WATERMARK_STORE, config.grace(), lateSlices),
            Named.as(WINDOW_AGGREGATOR),
            WINDOW_STORE,
            WATERMARK_STORE)
        .to(topics.fleetStats(), Produced.with(Serdes.String(), new AvroSerde<>(FleetWindow.class))
            .withName(FLEET_STATS_SINK));
    return builder.build();
  }
}
