package io.fleetpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ReportCommandTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "--since=yesterday;--since 'yesterday' is neither a duration before now (7d, 36h) nor an"
            + " instant",
        "--since=1d --until=2d;--since (",
        "--until=2026-13-01T00:00:00Z;--until '2026-13-01T00:00:00Z' is neither",
        "--scope=node;--scope must be fleet, cluster or model, got 'node'",
        "--kv-threshold=1.5;--kv-threshold must be above 0 and at most 1, got 1.5",
        "--format=pdf;Invalid value for option '--format': expected one of [md, csv, html]",
        "--since=7d;no Kafka to read: give --bootstrap-servers, or --config with"
            + " kafka.bootstrap_servers"
      })
  void aBadOptionIsOneClearLineOnStderrAndExitCodeTwo(String args, String message) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = FleetPulseCommand.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));

    int exit = command.execute(("report " + args).split(" "));

    assertEquals(2, exit, err.toString());
    assertTrue(err.toString().contains(message), err.toString());
    assertEquals("", out.toString());
  }
}
