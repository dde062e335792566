package io.fleetpulse.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.cli.testing.Await;
import io.fleetpulse.cli.testing.CollectorYaml;
import io.fleetpulse.cli.testing.FleetStatsRecorder;
import io.fleetpulse.cli.testing.TokenConservation;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.streams.window.TumblingWindows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams app's failover, with the settings it ships (StreamsProperties), on one embedded
 * broker, four simulated nodes scraped every second and a 10 s grace.
 *
 * <ul>
 *   <li>A real crash: the second of two instances runs in a JVM of its own and is SIGKILLed. Its
 *       partitions must reach the survivor within the grace, by the session timeout alone (no Admin
 *       eviction), so none of its nodes' slices arrive late, and no token is lost or counted twice.
 *   <li>A clean restart: the only instance is closed and started again on the same state directory.
 *       No window may be lost, and the output may stall by no more than one window: the closed
 *       instance stays in the group (Streams does not leave it on close) until its session times
 *       out, which with Kafka's 45 s default stalled output for four 10 s windows.
 * </ul>
 *
 * <p>Each test has a topic prefix and application id of its own on the shared broker.
 */
class StreamsFailoverIT {

  private static final long CRASH_WINDOW_MS = 5_000;

  /** Longer, so that "one window" of stall is more than the 6 s session timeout plus a start. */
  private static final long RESTART_WINDOW_MS = 10_000;

  private static final Duration STEP_LIMIT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;
  private static Admin admin;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    broker.close();
  }

  @Test
  void aSigkilledInstancesPartitionsMoveWithinTheGraceAndNoTokenIsLostOrCountedTwice()
      throws Exception {
    long testStarted = System.currentTimeMillis();
    String name = "crash";
    try (SimulatedFleet fleet =
        SimulatedFleet.start(new FleetSpec(List.of("us-east", "eu-west"), 2, null, 0, 7))) {
      Path configFile = writeConfig(name, fleet, CRASH_WINDOW_MS);
      Topics topics = new Topics(name);
      try (Pipeline survivor =
              Pipeline.start(load(configFile, "survivor"), Set.of(Component.STREAMS));
          ChildJvm victim =
              ChildJvm.start(
                  StreamsInstance.class,
                  List.of(configFile.toString()),
                  Map.of(
                      "FLEETPULSE_STREAMS_STATE_DIR",
                      dir.resolve(name + "-state-victim").toString()),
                  dir.resolve(name + "-victim.log"));
          FleetStatsRecorder recorder =
              new FleetStatsRecorder(broker.bootstrapServers(), topics.fleetStats());
          Pipeline collector =
              Pipeline.start(load(configFile, "survivor"), Set.of(Component.COLLECTOR))) {
        Await.until(
            "both instances in the group with partitions of their own",
            Duration.ofSeconds(60),
            () -> victim.isAlive() && running(survivor) && membersWithPartitions(name) == 2);
        long spanStart =
            TumblingWindows.endOfWindowContaining(
                System.currentTimeMillis() + 1_000, CRASH_WINDOW_MS);

        sleepUntil(spanStart + 2_000);
        long lateBefore = survivor.streams().orElseThrow().lateRecordsDropped();
        long killedAt = System.currentTimeMillis();
        victim.kill();
        Await.until(
            "the survivor alone in the group with every partition, running",
            STEP_LIMIT,
            () -> running(survivor) && members(name) == 1 && membersWithPartitions(name) == 1);
        long tookOverAt = System.currentTimeMillis();

        long spanEnd =
            Math.max(
                spanStart + 4 * CRASH_WINDOW_MS,
                TumblingWindows.endOfWindowContaining(
                    System.currentTimeMillis() + 2_000, CRASH_WINDOW_MS));
        awaitFleetWindowEnding(recorder, CRASH_WINDOW_MS, spanEnd);
        long late = survivor.streams().orElseThrow().lateRecordsDropped() - lateBefore;
        System.out.printf(
            Locale.ROOT,
            "crash: span %d..%d, victim SIGKILLed at +%d ms, survivor alone with "
                + "every partition %d ms later; late slices dropped by the survivor %d before the crash, %d since%n",
            spanStart,
            spanEnd,
            killedAt - spanStart,
            tookOverAt - killedAt,
            lateBefore,
            late);

        assertEquals(
            0, late, "slices dropped as late since the crash: the failover outlasted the grace");
        TokenConservation.assertConserved(
            recorder,
            fleet,
            broker.bootstrapServers(),
            topics.scrapes(),
            CRASH_WINDOW_MS,
            spanStart,
            spanEnd);
      }
    }
    System.out.printf(
        Locale.ROOT, "crash test took %d s%n", (System.currentTimeMillis() - testStarted) / 1000);
  }

  @Test
  void aCleanRestartOnTheSameStateLosesNoWindowAndStallsOutputByAtMostOneWindow() throws Exception {
    long testStarted = System.currentTimeMillis();
    String name = "restart";
    try (SimulatedFleet fleet =
        SimulatedFleet.start(new FleetSpec(List.of("us-east"), 2, null, 0, 11))) {
      Path configFile = writeConfig(name, fleet, RESTART_WINDOW_MS);
      Topics topics = new Topics(name);
      FleetPulseConfig config = load(configFile, "only");
      try (Pipeline collector = Pipeline.start(config, Set.of(Component.COLLECTOR));
          FleetStatsRecorder recorder =
              new FleetStatsRecorder(broker.bootstrapServers(), topics.fleetStats())) {
        long spanStart;
        long stoppedAt;
        long restartedAt;
        try (Pipeline first = Pipeline.start(config, Set.of(Component.STREAMS))) {
          Await.until(
              "the instance running with its partitions",
              Duration.ofSeconds(60),
              () -> running(first) && membersWithPartitions(name) == 1);
          spanStart =
              TumblingWindows.endOfWindowContaining(
                  System.currentTimeMillis() + 1_000, RESTART_WINDOW_MS);
          awaitFleetWindowEnding(recorder, RESTART_WINDOW_MS, spanStart + RESTART_WINDOW_MS);
          stoppedAt = System.currentTimeMillis();
        }
        try (Pipeline second = Pipeline.start(config, Set.of(Component.STREAMS))) {
          restartedAt = System.currentTimeMillis();
          long spanEnd =
              Math.max(
                  spanStart + 3 * RESTART_WINDOW_MS,
                  TumblingWindows.endOfWindowContaining(
                      System.currentTimeMillis() + 2_000, RESTART_WINDOW_MS));
          awaitFleetWindowEnding(recorder, RESTART_WINDOW_MS, spanEnd);

          List<FleetStatsRecorder.Received> received =
              recorder.received("fleet", RESTART_WINDOW_MS / 1000 + "s");
          long longestGap = 0;
          for (int i = 1; i < received.size(); i++) {
            longestGap = Math.max(longestGap, received.get(i).atMs() - received.get(i - 1).atMs());
          }
          System.out.printf(
              Locale.ROOT,
              "restart: span %d..%d, closed in %d ms, longest gap between fleet "
                  + "windows %d ms; late slices dropped %d%n",
              spanStart,
              spanEnd,
              restartedAt - stoppedAt,
              longestGap,
              second.streams().orElseThrow().lateRecordsDropped());

          assertTrue(
              longestGap <= 2 * RESTART_WINDOW_MS,
              "output stalled for "
                  + longestGap
                  + " ms, more than one "
                  + RESTART_WINDOW_MS
                  + " ms window beyond the usual one");
          TokenConservation.assertConserved(
              recorder,
              fleet,
              broker.bootstrapServers(),
              topics.scrapes(),
              RESTART_WINDOW_MS,
              spanStart,
              spanEnd);
        }
      }
    }
    System.out.printf(
        Locale.ROOT, "restart test took %d s%n", (System.currentTimeMillis() - testStarted) / 1000);
  }

  private static void awaitFleetWindowEnding(FleetStatsRecorder recorder, long windowMs, long endMs)
      throws Exception {
    Await.until(
        "the fleet window ending at " + endMs,
        Duration.ofSeconds(60),
        () ->
            recorder.windows("fleet", windowMs / 1000 + "s").stream()
                .anyMatch(w -> w.getWindowEndMs().toEpochMilli() == endMs));
  }

  private static boolean running(Pipeline pipeline) {
    return pipeline.streams().orElseThrow().state() == KafkaStreams.State.RUNNING;
  }

  private static long members(String name) throws Exception {
    return group(name).members().size();
  }

  private static long membersWithPartitions(String name) throws Exception {
    return group(name).members().stream()
        .filter(m -> !m.assignment().topicPartitions().isEmpty())
        .count();
  }

  private static ConsumerGroupDescription group(String name) throws Exception {
    return admin
        .describeConsumerGroups(List.of(applicationId(name)))
        .all()
        .get(10, TimeUnit.SECONDS)
        .get(applicationId(name));
  }

  private static String applicationId(String name) {
    return "fleetpulse-" + name;
  }

  private static void sleepUntil(long epochMs) throws InterruptedException {
    Thread.sleep(Math.max(0, epochMs - System.currentTimeMillis()));
  }

  private static FleetPulseConfig load(Path configFile, String instance) {
    return new ConfigLoader()
        .load(
            configFile,
            Map.of(
                "FLEETPULSE_STREAMS_STATE_DIR",
                configFile
                    .resolveSibling(configFile.getFileName() + "-state-" + instance)
                    .toString()));
  }

  private static Path writeConfig(String name, SimulatedFleet fleet, long windowMs)
      throws Exception {
    Path configFile = dir.resolve(name + ".yml");
    Files.writeString(
        configFile,
        """
        kafka:
          bootstrap_servers: "%s"
          topic_prefix: "%s"
          partitions: 4
          replication_factor: 1
        %s
        streams:
          application_id: %s
          windows: [%ds]
          grace: 10s
          listen: 127.0.0.1:0
        """
            .formatted(
                broker.bootstrapServers(),
                name,
                CollectorYaml.scraping(fleet),
                applicationId(name),
                windowMs / 1000));
    return configFile;
  }
}
