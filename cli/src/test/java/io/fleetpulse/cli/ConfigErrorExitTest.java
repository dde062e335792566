package io.fleetpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A config mistake ends any command with one line and exit code 2; --verbose adds the stack trace.
 */
class ConfigErrorExitTest {

  @TempDir Path directory;

  private String run(String... args) throws Exception {
    Path config = directory.resolve("fleetpulse.yml");
    Files.writeString(
        config,
        """
        kafka:
          bootstrap_servers: "kafka:9092"
        collector:
          scrape_configs:
            - job_name: vllm
              scrape_interval: 5 seconds
        """);
    StringWriter err = new StringWriter();
    CommandLine command = FleetPulseCommand.commandLine();
    command.setErr(new PrintWriter(err, true));
    String[] withConfig = new String[args.length + 2];
    System.arraycopy(args, 0, withConfig, 0, args.length);
    withConfig[args.length] = "--config";
    withConfig[args.length + 1] = config.toString();

    assertEquals(2, command.execute(withConfig));
    return err.toString();
  }

  @Test
  void aConfigMistakeIsOneLineNamingTheFileLineAndOption() throws Exception {
    String err = run("collector");

    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("fleetpulse: "), err);
    assertTrue(
        err.contains("fleetpulse.yml:6: collector.scrape_configs[0].scrape_interval: "), err);
  }

  @Test
  void verboseAddsTheStackTrace() throws Exception {
    String err = run("collector", "--verbose");

    assertTrue(err.lines().count() > 1, err);
    assertTrue(err.contains("at io.fleetpulse.cli.config.ConfigLoader"), err);
  }
}
