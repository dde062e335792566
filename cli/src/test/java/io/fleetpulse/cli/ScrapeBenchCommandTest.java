package io.fleetpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ScrapeBenchCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int benchScrape(String... args) {
    CommandLine command = new CommandLine(new ScrapeBenchCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    return command.execute(args);
  }

  /** A small fleet for a few seconds: this proves the wiring and the report, not the speed. */
  @Test
  void scrapesASimulatedFleetAndReportsRateLagFailuresAndCpu() {
    int exit =
        benchScrape("--targets", "20", "--interval", "500ms", "--duration", "4s", "--warmup", "2s");

    String report = out.toString();
    // A test JVM is cold and may share its cores: whether it kept up is reported, not asserted.
    assertTrue(exit == 0 || exit == 1, out + "\n" + err);
    assertEquals(exit == 1, report.contains("FELL BEHIND"), report);
    assertTrue(report.contains("bench-scrape: 20 targets, interval 500ms, timeout 500ms"), report);
    assertTrue(report.contains(" (expected 40.0/s), "), report);
    for (String line :
        List.of(
            "schedule lag:  p50 ",
            "scrape time:   p50 ",
            "samples:       ",
            "process CPU:   ",
            "threads:       ")) {
      assertTrue(report.contains(line), () -> line + " missing from:\n" + report);
    }
  }

  @Test
  void aWarmupNotShorterThanTheRunIsRefused() {
    assertEquals(2, benchScrape("--duration", "10s", "--warmup", "10s"));
    assertEquals(
        "fleetpulse bench-scrape: --warmup 10s must be shorter than --duration 10s",
        err.toString().strip());
  }
}
