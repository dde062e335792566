package io.fleetpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PipelineBenchCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int benchPipeline(String... args) {
    CommandLine command = new CommandLine(new PipelineBenchCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    return command.execute(args);
  }

  @Test
  void defaultsAreTheIssuesFleetAtRunsInterval() {
    PipelineBenchCommand command = new PipelineBenchCommand();
    new CommandLine(command).parseArgs();

    assertEquals(250, command.nodes);
    assertEquals(2, command.clusters);
    assertEquals(Duration.ofSeconds(5), command.interval);
    assertEquals(Duration.ofMinutes(3), command.duration);
    assertEquals(Duration.ofSeconds(30), command.warmup);
    assertEquals("", command.bootstrapServers);
    assertFalse(command.vsPrometheus);
    assertEquals(0.05, command.tolerance);
  }

  @Test
  void optionsParseAsGiven() {
    PipelineBenchCommand command = new PipelineBenchCommand();
    new CommandLine(command)
        .parseArgs(
            "--nodes",
            "1000",
            "--clusters",
            "4",
            "--interval",
            "1s",
            "--duration",
            "2m",
            "--warmup",
            "20s",
            "--bootstrap-servers",
            "kafka:9092",
            "--vs-prometheus",
            "--tolerance",
            "0.1",
            "--out",
            "summary.md");

    assertEquals(1000, command.nodes);
    assertEquals(4, command.clusters);
    assertEquals(Duration.ofSeconds(1), command.interval);
    assertEquals(Duration.ofMinutes(2), command.duration);
    assertEquals(Duration.ofSeconds(20), command.warmup);
    assertEquals("kafka:9092", command.bootstrapServers);
    assertEquals(true, command.vsPrometheus);
    assertEquals(0.1, command.tolerance);
    assertEquals("summary.md", command.out.toString());
  }

  @Test
  void noNodesIsRefused() {
    assertEquals(2, benchPipeline("--nodes", "0"));
    assertEquals(
        "fleetpulse bench-pipeline: --nodes must be at least 1, got 0", err.toString().strip());
  }

  @Test
  void nodesThatDoNotSplitEvenlyOverTheClustersAreRefused() {
    assertEquals(2, benchPipeline("--nodes", "15", "--clusters", "2"));
    assertEquals(
        "fleetpulse bench-pipeline: --nodes (15) must be a multiple of --clusters (2), and"
            + " --clusters at least 1: every cluster gets the same number of nodes",
        err.toString().strip());
  }

  @Test
  void aWarmupNotShorterThanTheRunIsRefused() {
    assertEquals(2, benchPipeline("--duration", "30s", "--warmup", "30s"));
    assertEquals(
        "fleetpulse bench-pipeline: --warmup (30s) must be shorter than --duration (30s)",
        err.toString().strip());
  }

  @Test
  void aMeasuredStretchShorterThanTwoIntervalsIsRefused() {
    assertEquals(2, benchPipeline("--duration", "40s", "--warmup", "35s", "--interval", "5s"));
    assertEquals(
        "fleetpulse bench-pipeline: --duration minus --warmup must be at least two --interval,"
            + " to measure a scrape rate",
        err.toString().strip());
  }

  @Test
  void aToleranceThatIsNoShareIsRefused() {
    assertEquals(2, benchPipeline("--tolerance", "5"));
    assertEquals(
        "fleetpulse bench-pipeline: --tolerance must be between 0 and 1 (a share, e.g. 0.05), got"
            + " 5.0",
        err.toString().strip());
  }
}
