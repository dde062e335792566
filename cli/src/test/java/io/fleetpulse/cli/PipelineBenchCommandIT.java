package io.fleetpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fleetpulse bench-pipeline} end to end on a small fleet: 16 nodes scraped every second
 * through the embedded broker, the streams app and the sink, 30 s measured after a warm-up of 15 s
 * or until the first fleet window is on the sink. The figures must be sane, not fast: the scrape
 * rate near the schedule, every fleet window with all nodes up and its tokens/s within the
 * tolerance of the simulator's truth.
 */
class PipelineBenchCommandIT {

  private static final int NODES = 16;

  @TempDir Path dir;

  @Test
  void measuresASmallFleetThroughTheWholePipelineAndFindsItRight() throws Exception {
    Path summaryFile = dir.resolve("summary.md");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = FleetPulseCommand.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));

    int exit =
        command.execute(
            "bench-pipeline",
            "--nodes",
            Integer.toString(NODES),
            "--interval",
            "1s",
            "--warmup",
            "15s",
            "--duration",
            "45s",
            "--data-dir",
            dir.resolve("work").toString(),
            "--out",
            summaryFile.toString());

    String summary = out.toString();
    assertEquals(summary, Files.readString(summaryFile), "--out holds the same summary");
    double scrapesPerSecond =
        number(summary, "\\| scrapes/s \\| ([\\d.]+) of 16\\.0 scheduled \\(");
    assertTrue(scrapesPerSecond >= 0.95 * NODES, summary);
    assertTrue(summary.contains("| nodes up | 16 of 16 in every window |"), summary);
    double worstError = number(summary, "error max ([\\d.]+)%");
    assertTrue(worstError < 5, summary);
    int windows =
        (int)
            number(
                summary,
                "\\| freshness, fleet 10s windows \\| p50 [\\d.]+ s, p99 [\\d.]+ s, max [\\d.]+ s \\((\\d+) of");
    assertTrue(windows >= 2, summary);
    assertTrue(summary.contains("| **FleetPulse (the four above)** | "), summary);
    assertEquals(exit == 0, summary.contains("**Kept up and right.**"), summary + err);
    assertEquals(0, exit, summary + err);
  }

  private static double number(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertTrue(matcher.find(), () -> regex + " not in:\n" + text);
    return Double.parseDouble(matcher.group(1));
  }
}
