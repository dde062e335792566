package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.NodeStats;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.state.DetectorState;
import io.fleetpulse.streams.state.SignalPeerLatest;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The detectors' sub-topology: fleet-stats (closed windows) -> window detectors per scope ->
 * signals; node windows -> re-keyed by cluster and model through a named repartition topic ->
 * slow-node comparison -> signals; node-stats (one record per scrape) -> node down -> signals.
 * Every processor, store and internal topic has a fixed name, prefixed {@code signal-}, so state
 * survives a changed topology.
 */
public final class SignalTopology {

  public static final String DETECTOR_STORE = "signal-detectors";
  public static final String NODE_DOWN_STORE = "signal-node-down";
  public static final String PEER_LATEST_STORE = "signal-peer-latest";
  public static final String SLOW_NODE_STORE = "signal-slow-node";
  public static final String PEER_WINDOWS_REPARTITION = "signal-node-windows-by-model";

  private SignalTopology() {}

  /**
   * Adds the detectors to {@code builder}: they read the fleet-stats and node-stats topics and
   * write signals.
   */
  public static void addTo(StreamsBuilder builder, Topics topics, SignalsConfig config) {
    addStore(builder, DETECTOR_STORE, DetectorState.class);
    addStore(builder, NODE_DOWN_STORE, DetectorState.class);
    addStore(builder, PEER_LATEST_STORE, SignalPeerLatest.class);
    addStore(builder, SLOW_NODE_STORE, DetectorState.class);
    Produced<String, Signal> signals =
        Produced.with(Serdes.String(), new AvroSerde<>(Signal.class));

    WindowSignals windowSignals = new WindowSignals(config);
    KStream<String, FleetWindow> windows =
        decoded(builder, topics.fleetStats(), FleetWindow.class, "fleet-stats")
            .filter((key, window) -> windowSignals.reads(window), Named.as("signal-windows-read"));
    windows
        .process(
            () ->
                new SignalProcessor<FleetWindow>(
                    context -> {
                      SignalStore<DetectorState> store =
                          store(context.getStateStore(DETECTOR_STORE));
                      return window -> windowSignals.evaluate(window, store);
                    }),
            Named.as("signal-window-detectors"),
            DETECTOR_STORE)
        .to(topics.signals(), signals.withName("signal-window-sink"));

    SlowNodeSignals slowNode = new SlowNodeSignals(config);
    windows
        .filter((key, window) -> slowNode.reads(window), Named.as("signal-node-windows"))
        .selectKey(
            (key, window) -> SlowNodeSignals.peerKey(window),
            Named.as("signal-node-windows-by-model-key"))
        .repartition(
            Repartitioned.with(Serdes.String(), new AvroSerde<>(FleetWindow.class))
                .withName(PEER_WINDOWS_REPARTITION))
        .process(
            () ->
                new SignalProcessor<FleetWindow>(
                    context -> {
                      SignalStore<SignalPeerLatest> groups =
                          store(context.getStateStore(PEER_LATEST_STORE));
                      SignalStore<DetectorState> states =
                          store(context.getStateStore(SLOW_NODE_STORE));
                      return window -> slowNode.accept(window, groups, states);
                    }),
            Named.as("signal-slow-node"),
            PEER_LATEST_STORE,
            SLOW_NODE_STORE)
        .to(topics.signals(), signals.withName("signal-slow-node-sink"));

    NodeDownSignals nodeDown = new NodeDownSignals(config.nodeDown());
    decoded(builder, topics.nodeStats(), NodeStats.class, "node-stats")
        .process(
            () ->
                new SignalProcessor<NodeStats>(
                    context -> {
                      SignalStore<DetectorState> store =
                          store(context.getStateStore(NODE_DOWN_STORE));
                      return stats ->
                          nodeDown.evaluate(stats, store).map(List::of).orElse(List.of());
                    }),
            Named.as("signal-node-down"),
            NODE_DOWN_STORE)
        .to(topics.signals(), signals.withName("signal-node-down-sink"));
  }

  private static <T extends SpecificRecord> KStream<String, T> decoded(
      StreamsBuilder builder, String topic, Class<T> type, String name) {
    return builder.stream(
            topic,
            Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withName("signal-" + name + "-source"))
        .flatMapValues(new LenientDecoder<>(topic, type), Named.as("signal-" + name + "-decoded"));
  }

  private static <V> SignalStore<V> store(KeyValueStore<String, V> store) {
    return new KeyValueSignalStore<>(store);
  }

  private static <V extends SpecificRecord> void addStore(
      StreamsBuilder builder, String name, Class<V> type) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), new AvroSerde<>(type)));
  }
}
