package io.fleetpulse.cli.faults;

import io.fleetpulse.cli.FleetPulseCommand;
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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetpulse run} with its embedded broker, SIGKILLed as a whole (collector, streams app,
 * sink and broker at once) and started again on the same data directory: the windows must come out
 * exactly once each, and their tokens must be what the counter rule makes of every scrape that
 * reached the topic, no more and no less.
 *
 * <p><b>How the grace allows for the restart.</b> No scrape is taken while the process is down, so
 * the first interval after the restart spans the downtime, and the counter rule spreads its
 * increase over the windows it covers, back to the last scrape before the kill. Those windows are
 * still open only if the grace outlasts the downtime plus a window: the downtime is a JVM and
 * broker start, measured at up to 21 s on two busy cores, so the grace is 30 s with 5 s windows.
 */
class RunProcessCrashIT {

  private static final long WINDOW_MS = 5_000;
  private static final Pattern RUNNING =
      Pattern.compile("FleetPulse running .* against Kafka ([^\\s;]+)");
  private static final Duration START_LIMIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void aKilledRunProcessRestartedOnItsDataDirectoryCountsEveryWindowOnceAndLosesNoToken()
      throws Exception {
    long testStarted = System.currentTimeMillis();
    try (SimulatedFleet fleet =
        SimulatedFleet.start(new FleetSpec(List.of("us-east"), 2, null, 0, 5))) {
      Path configFile = writeConfig(fleet);
      List<String> run = List.of("run", "--config", configFile.toString());
      String bootstrapServers;
      long spanStart;
      long killedAt;
      long restartedAt;
      ChildJvm first =
          ChildJvm.start(FleetPulseCommand.class, run, Map.of(), dir.resolve("first.log"));
      try {
        bootstrapServers = first.awaitOutput(RUNNING, START_LIMIT).group(1);
      } catch (Throwable e) {
        first.kill();
        throw e;
      }
      Topics topics = Topics.withDefaultPrefix();
      try (FleetStatsRecorder recorder =
          new FleetStatsRecorder(bootstrapServers, topics.fleetStats())) {
        try (first) {
          Await.until(
              "a first fleet window",
              START_LIMIT,
              () -> !recorder.windows("fleet", WINDOW_MS / 1000 + "s").isEmpty());
          spanStart = TumblingWindows.endOfWindowContaining(System.currentTimeMillis(), WINDOW_MS);
          Thread.sleep(Math.max(0, spanStart + 2_000 - System.currentTimeMillis()));
          killedAt = System.currentTimeMillis();
        }
        try (ChildJvm second =
            ChildJvm.start(FleetPulseCommand.class, run, Map.of(), dir.resolve("second.log"))) {
          second.awaitOutput(RUNNING, START_LIMIT);
          restartedAt = System.currentTimeMillis();
          long spanEnd =
              Math.max(
                  spanStart + 4 * WINDOW_MS,
                  TumblingWindows.endOfWindowContaining(
                      System.currentTimeMillis() + 2_000, WINDOW_MS));
          Await.until(
              "the fleet window ending at " + spanEnd,
              Duration.ofSeconds(60),
              () ->
                  recorder.windows("fleet", WINDOW_MS / 1000 + "s").stream()
                      .anyMatch(w -> w.getWindowEndMs().toEpochMilli() == spanEnd));
          System.out.printf(
              Locale.ROOT,
              "run process: span %d..%d, SIGKILLed at +%d ms, running again %d ms " + "later%n",
              spanStart,
              spanEnd,
              killedAt - spanStart,
              restartedAt - killedAt);
          TokenConservation.assertConserved(
              recorder, fleet, bootstrapServers, topics.scrapes(), WINDOW_MS, spanStart, spanEnd);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "RunProcessCrashIT took %d s%n",
        (System.currentTimeMillis() - testStarted) / 1000);
  }

  private Path writeConfig(SimulatedFleet fleet) throws Exception {
    Path configFile = dir.resolve("fleetpulse.yml");
    Files.writeString(
        configFile,
        """
        kafka:
          bootstrap_servers: ""
          data_dir: %s
          partitions: 2
        %s
        streams:
          windows: [5s]
          grace: 30s
          state_dir: %s
          listen: 127.0.0.1:0
        sink:
          listen: 127.0.0.1:0
        """
            .formatted(dir.resolve("kafka"), CollectorYaml.scraping(fleet), dir.resolve("state")));
    return configFile;
  }
}
