package io.fleetpulse.cli.faults;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.FleetPulseCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command stopped by SIGTERM logs its last lines: the closing work happens in FleetPulse's own
 * shutdown hook, and Log4j's must not stop the logging before it (it used to, and the lines saying
 * what was flushed and stopped were lost, with "Unable to register Log4j shutdown hook").
 */
class CleanStopIT {

  @TempDir Path dir;

  @Test
  void aSigtermedCommandLogsWhatItStoppedAsItsLastLine() throws Exception {
    Path log = dir.resolve("simulate.log");
    try (ChildJvm simulate =
        ChildJvm.start(
            FleetPulseCommand.class,
            // The shipped logging config, not the tests' own.
            List.of(
                "-Dlog4j2.configurationFile=log4j2.xml",
                "-Dfleetpulse.log.file=" + dir.resolve("fleetpulse.log")),
            List.of("simulate", "--clusters", "a", "--nodes-per-cluster", "1"),
            Map.of(),
            log)) {
      simulate.awaitOutput(Pattern.compile("Serving 1 simulated nodes"), Duration.ofSeconds(60));
      simulate.terminate();
    }

    String output = Files.readString(log);
    assertTrue(output.contains("simulated fleet stopped (1 nodes)"), output);
    assertFalse(output.contains("Unable to register Log4j shutdown hook"), output);
  }
}
