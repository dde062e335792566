package io.fleetpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.report.SimulatedWeekRecords;
import io.fleetpulse.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fleetpulse report} against a real broker holding a simulated week of a 100-node fleet in
 * every scope (node scope included, as the tiers of such a fleet would hold): what it prints where,
 * and how long it takes.
 */
class ReportCommandIT {

  private static final String SINCE = "--since=2026-11-23T00:00:00Z";
  private static final String UNTIL = "--until=2026-11-30T00:00:00Z";

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;
  private static long records;

  @BeforeAll
  static void week() throws Exception {
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    long started = System.nanoTime();
    records = SimulatedWeekRecords.produce(broker.bootstrapServers(), Topics.withDefaultPrefix());
    System.out.printf(
        Locale.ROOT,
        "produced %,d records of a 100-node week in %.1f s%n",
        records,
        (System.nanoTime() - started) / 1e9);
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private record Run(int exit, String out, String err, double seconds) {}

  private static Run report(String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = FleetPulseCommand.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    String[] args = new String[options.length + 4];
    args[0] = "report";
    args[1] = "--bootstrap-servers=" + broker.bootstrapServers();
    args[2] = SINCE;
    args[3] = UNTIL;
    System.arraycopy(options, 0, args, 4, options.length);
    long started = System.nanoTime();
    int exit = command.execute(args);
    return new Run(exit, out.toString(), err.toString(), (System.nanoTime() - started) / 1e9);
  }

  @Test
  void aWeekOfAHundredNodesReportsInUnderAMinuteWithTheProgressOnStderrOnly() {
    Run run = report("--format=csv");

    System.out.printf(
        Locale.ROOT, "report --format=csv of %,d records: %.1f s%n", records, run.seconds());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.seconds() < 60, "took " + run.seconds() + " s");
    assertTrue(run.out().startsWith("section,series,day,generation_tokens,"), run.out());
    assertFalse(run.out().contains("reading ["), "no progress in the report");
    assertTrue(run.err().contains("\rreading ["), run.err());
    assertTrue(run.err().contains("100%"), run.err());
    assertTrue(
        run.out().contains("daily_tokens,model/llama-8b,2026-11-23,18000000,9000000,24\r\n"),
        run.out());
    assertTrue(run.out().contains("capacity,model/llama-8b,1020.0,1200.0,-180.0,-15,"), run.out());
    assertTrue(
        run.out().contains("signals,kv_cache_saturation,model/llama-8b,2026-11-24T10:00:00Z,"),
        run.out());
  }

  @Test
  void htmlGoesToTheFileOfOutAndNothingToStdout() throws Exception {
    // Kept in target/ for a person to open: the report of the simulated week.
    Path html = Path.of("target", "report-week.html").toAbsolutePath();

    Run run = report("--format=html", "--scope=cluster", "--out=" + html);

    assertEquals(0, run.exit(), run.err());
    assertEquals("", run.out());
    String page = Files.readString(html);
    assertTrue(page.startsWith("<!DOCTYPE html>"), page);
    assertTrue(page.contains("<td>cluster/us-east</td>"), page);
    assertFalse(page.contains("://"), "no external URL");
    assertTrue(run.err().contains("written to " + html), run.err());
  }

  @Test
  void markdownIsTheDefaultFormat() throws Exception {
    Path md = Path.of("target", "report-week.md").toAbsolutePath();

    Run run = report("--out=" + md);

    assertEquals(0, run.exit(), run.err());
    String report = Files.readString(md);
    assertTrue(report.startsWith("# FleetPulse report, model scope, 2026-11-23T00:00:00Z"), report);
    assertTrue(report.contains("| model/qwen-32b | - | 400.0 |"), report);
  }

  @Test
  void anUnreachableKafkaIsOneLineAndExitCodeOne() {
    StringWriter err = new StringWriter();
    CommandLine command = FleetPulseCommand.commandLine();
    command.setOut(new PrintWriter(new StringWriter()));
    command.setErr(new PrintWriter(err));

    // A port nothing listens on: the metadata wait (30 s) runs out.
    int exit = command.execute("report", "--bootstrap-servers=127.0.0.1:1");

    assertEquals(1, exit, err.toString());
    assertTrue(
        err.toString().contains("fleetpulse report: cannot read Kafka at 127.0.0.1:1: "),
        err.toString());
  }

  @Test
  void aPrefixWithNoTopicsSaysSoAndReportsNoWindows() {
    Run run = report("--topic-prefix=nothing-here");

    assertEquals(0, run.exit(), run.err());
    assertTrue(
        run.err().contains("topic nothing-here.rollup-1m.v1 does not exist; nothing read from it"),
        run.err());
    assertTrue(run.out().contains("No windows in the range."), run.out());
  }
}
