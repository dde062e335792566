package io.fleetpulse.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.cli.testing.Await;
import io.fleetpulse.cli.testing.FaultTestConfig;
import io.fleetpulse.cli.testing.FleetStatsRecorder;
import io.fleetpulse.cli.testing.TokenConservation;
import io.fleetpulse.cli.testing.TopicReader;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import io.fleetpulse.streams.window.TumblingWindows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One target flapping: its {@code /metrics} drops off the network for a few seconds, comes back,
 * drops off again, while the engine behind it serves on. Every gap must read as the node down
 * (firing after two failed scrapes, resolved at the next good one), and nothing it served during
 * the gaps may be lost or counted twice: the first scrape after each gap carries the increase,
 * which the counter rule spreads over the windows of the gap.
 */
class FlappingTargetIT {

  private static final long WINDOW_MS = 5_000;
  private static final int FLAPS = 4;
  private static final Duration DOWN = Duration.ofMillis(3_500);
  private static final Duration UP = Duration.ofMillis(4_500);

  @TempDir Path dir;

  @Test
  void everyGapReadsAsTheNodeDownAndNoTokenIsLostOrCountedTwice() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        SimulatedFleet fleet =
            SimulatedFleet.start(new FleetSpec(List.of("us-east"), 3, null, 0, 7))) {
      Topics topics = Topics.withDefaultPrefix();
      SimulatedNode flapping = fleet.nodes().get(0);
      try (Pipeline pipeline =
              Pipeline.start(
                  new ConfigLoader()
                      .load(FaultTestConfig.write(dir, broker.bootstrapServers(), fleet), Map.of()),
                  Set.of(Component.COLLECTOR, Component.STREAMS));
          FleetStatsRecorder recorder =
              new FleetStatsRecorder(broker.bootstrapServers(), topics.fleetStats())) {
        Await.until(
            "a first fleet window",
            Duration.ofSeconds(60),
            () -> !recorder.windows("fleet", WINDOW_MS / 1000 + "s").isEmpty());
        long spanStart =
            TumblingWindows.endOfWindowContaining(System.currentTimeMillis(), WINDOW_MS);
        Thread.sleep(Math.max(0, spanStart + 1_000 - System.currentTimeMillis()));
        for (int flap = 0; flap < FLAPS; flap++) {
          flapping.setReachable(false);
          Thread.sleep(DOWN.toMillis());
          flapping.setReachable(true);
          Thread.sleep(UP.toMillis());
        }
        long spanEnd =
            TumblingWindows.endOfWindowContaining(System.currentTimeMillis() + 2_000, WINDOW_MS);
        Await.until(
            "the fleet window ending at " + spanEnd,
            Duration.ofSeconds(60),
            () ->
                recorder.windows("fleet", WINDOW_MS / 1000 + "s").stream()
                    .anyMatch(w -> w.getWindowEndMs().toEpochMilli() == spanEnd));

        TokenConservation.Figures figures =
            TokenConservation.assertConserved(
                recorder,
                fleet,
                broker.bootstrapServers(),
                topics.scrapes(),
                WINDOW_MS,
                spanStart,
                spanEnd);
        System.out.printf(Locale.ROOT, "flapping target: %s%n", figures);
        assertEquals(0, pipeline.streams().orElseThrow().lateRecordsDropped(), "late slices");

        List<SignalState> nodeDown =
            TopicReader.readAll(broker.bootstrapServers(), topics.signals(), Signal.class).stream()
                .map(ConsumerRecord::value)
                .filter(signal -> signal.getSignal().equals(SignalName.NODE_DOWN.id()))
                .peek(
                    signal ->
                        assertEquals(
                            flapping.instance(),
                            signal.getNode(),
                            "only the flapping node is ever down: " + signal))
                .map(Signal::getState)
                .toList();
        assertEquals(FLAPS, firingEpisodes(nodeDown), "node_down fires once per gap: " + nodeDown);
        assertEquals(
            FLAPS,
            nodeDown.stream().filter(state -> state == SignalState.RESOLVED).count(),
            "and resolves at the first good scrape after it: " + nodeDown);
        SignalState last = nodeDown.get(nodeDown.size() - 1);
        assertTrue(
            last == SignalState.RESOLVED || last == SignalState.INACTIVE,
            "up again at the end: " + nodeDown);
      }
    }
  }

  /** A firing signal is published again at each failed scrape; an episode begins once. */
  private static long firingEpisodes(List<SignalState> states) {
    long episodes = 0;
    SignalState previous = SignalState.INACTIVE;
    for (SignalState state : states) {
      if (state == SignalState.FIRING && previous != SignalState.FIRING) {
        episodes++;
      }
      previous = state;
    }
    return episodes;
  }
}
