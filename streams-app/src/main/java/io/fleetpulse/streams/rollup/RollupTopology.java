package io.fleetpulse.streams.rollup;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.FleetTopology;
import io.fleetpulse.streams.aggregate.ScopeStageOutput;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import io.fleetpulse.streams.state.TierWindowState;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * scope stage's closed windows and progress -> 1 m tier -> 1 h tier -> 1 d tier, each tier's closed
 * windows -> its compacted topic. The tiers run in the scope-stage task that closed the live
 * windows they merge (every window of a scope and size goes to one task), so they need no shuffle,
 * and each hears that task's progress. Processors and stores are named, as the rest of the topology
 * is.
 */
public final class RollupTopology {

  /** Each tier's closed-through end, keyed by the tier's name. */
  public static final String PROGRESS_STORE = "rollup-progress";

  private static final Logger LOG = LoggerFactory.getLogger(RollupTopology.class);

  private RollupTopology() {}

  /** The store of a tier's open windows, e.g. {@code rollup-1h-windows}. */
  public static String windowStore(RollupTier tier) {
    return "rollup-" + tier.name() + "-windows";
  }

  public static void addTo(
      StreamsBuilder builder,
      KStream<String, ScopeStageOutput> scopeStage,
      Topics topics,
      List<Long> liveSizesMs,
      StreamsAppMetrics metrics) {
    List<RollupTier> tiers = RollupTier.all();
    Optional<RollupSource> source = RollupSource.of(liveSizesMs, tiers.get(0));
    if (source.isEmpty()) {
      LOG.warn(
          "No rollup tiers: none of the live window sizes {} ms tiles a {} window",
          liveSizesMs,
          tiers.get(0).name());
      return;
    }
    FleetTopology.addStore(builder, PROGRESS_STORE, Serdes.Long(), false);
    KStream<String, TierRecord> lower =
        scopeStage.flatMapValues(source.get()::records, Named.as("rollup-source"));
    for (RollupTier tier : tiers) {
      String prefix = "rollup-" + tier.name();
      FleetTopology.addStore(
          builder, windowStore(tier), new AvroSerde<>(TierWindowState.class), true);
      KStream<String, TierRecord> closed =
          lower.process(
              () -> new TierWindowCloser(tier, windowStore(tier), PROGRESS_STORE, metrics),
              Named.as(prefix + "-tier"),
              windowStore(tier),
              PROGRESS_STORE);
      closed
          .filter((key, record) -> record.isWindow(), Named.as(prefix + "-closed"))
          .mapValues(record -> RollupWindows.of(record.window()), Named.as(prefix + "-value"))
          .to(
              topics.rollup(tier.name()),
              Produced.with(Serdes.String(), new AvroSerde<>(RollupWindow.class))
                  .withName(prefix + "-sink"));
      lower = closed;
    }
  }
}
