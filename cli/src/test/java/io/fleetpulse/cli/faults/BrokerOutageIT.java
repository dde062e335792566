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
import io.fleetpulse.cli.testing.PublishedCounter;
import io.fleetpulse.cli.testing.TokenConservation;
import io.fleetpulse.schemas.Topics;
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
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline through a 60 s outage of its only broker: the collector holds the scrapes it
 * takes meanwhile and delivers them when the broker is back, the streams app resumes where it stood
 * (its transaction open at the outage aborted, its work redone), and the fleet windows across the
 * outage are each emitted once with every published token in them.
 */
class BrokerOutageIT {

  private static final long WINDOW_MS = 5_000;
  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final String GENERATION_TOKENS = "vllm:generation_tokens_total";

  @TempDir Path dir;

  @Test
  void scrapesTakenDuringASixtySecondOutageAreDeliveredAndCountedOnce() throws Exception {
    long testStarted = System.currentTimeMillis();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        SimulatedFleet fleet =
            SimulatedFleet.start(new FleetSpec(List.of("us-east"), 2, null, 0, 3))) {
      Topics topics = Topics.withDefaultPrefix();
      Path configFile = FaultTestConfig.write(dir, broker.bootstrapServers(), fleet);
      try (Pipeline pipeline =
              Pipeline.start(
                  new ConfigLoader().load(configFile, Map.of()),
                  Set.of(Component.COLLECTOR, Component.STREAMS));
          FleetStatsRecorder recorder =
              new FleetStatsRecorder(broker.bootstrapServers(), topics.fleetStats())) {
        Await.until(
            "a first fleet window",
            Duration.ofSeconds(60),
            () -> !recorder.windows("fleet", WINDOW_MS / 1000 + "s").isEmpty());
        long spanStart =
            TumblingWindows.endOfWindowContaining(System.currentTimeMillis(), WINDOW_MS);
        Thread.sleep(Math.max(0, spanStart + 2_000 - System.currentTimeMillis()));
        broker.stop();
        long outageStart = System.currentTimeMillis();
        Thread.sleep(OUTAGE.toMillis());
        broker.restart();
        long outageEnd = System.currentTimeMillis();

        long spanEnd =
            TumblingWindows.endOfWindowContaining(System.currentTimeMillis() + 2_000, WINDOW_MS);
        Await.until(
            "the fleet window ending at " + spanEnd,
            Duration.ofSeconds(90),
            () ->
                recorder.windows("fleet", WINDOW_MS / 1000 + "s").stream()
                    .anyMatch(w -> w.getWindowEndMs().toEpochMilli() == spanEnd));
        long late = pipeline.streams().orElseThrow().lateRecordsDropped();
        System.out.printf(
            Locale.ROOT,
            "broker outage: span %d..%d, broker down +%d..+%d ms; late slices " + "dropped %d%n",
            spanStart,
            spanEnd,
            outageStart - spanStart,
            outageEnd - spanStart,
            late);

        assertEquals(KafkaStreams.State.RUNNING, pipeline.streams().orElseThrow().state());
        Map<String, PublishedCounter> published =
            PublishedCounter.readAll(
                broker.bootstrapServers(), topics.scrapes(), GENERATION_TOKENS);
        long midOutage = (outageStart + outageEnd) / 2;
        for (SimulatedNode node : fleet.nodes()) {
          PublishedCounter.Interval around =
              published.get(node.cluster() + "/" + node.instance()).straddling(midOutage);
          assertTrue(
              around.to().timestampMs() - around.from().timestampMs() <= 3_000,
              "scrapes of "
                  + node
                  + " taken during the outage should have been delivered afterwards, found none "
                  + "between "
                  + around.from().timestampMs()
                  + " and "
                  + around.to().timestampMs());
        }
        assertEquals(0, late, "slices dropped as late");
        TokenConservation.assertConserved(
            recorder,
            fleet,
            broker.bootstrapServers(),
            topics.scrapes(),
            WINDOW_MS,
            spanStart,
            spanEnd);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "BrokerOutageIT took %d s%n",
        (System.currentTimeMillis() - testStarted) / 1000);
  }
}
