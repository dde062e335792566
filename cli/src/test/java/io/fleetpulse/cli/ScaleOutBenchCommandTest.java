package io.fleetpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Options are checked before anything starts: each mistake is one line and exit code 2. */
class ScaleOutBenchCommandTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--nodes 0 | --nodes must be from 1 to 10000, got 0",
        "--nodes 10 --clusters 3 | --nodes 10 must split evenly over --clusters 3",
        "--nodes 2000 --clusters 1 | --nodes 2000 over --clusters 1 is more than 1000 nodes per"
            + " cluster; add clusters",
        "--interval 1500ms | --interval must be whole seconds, got 1s500ms",
        "--duration 30s | --duration 30s is too short: the check leaves out two scrape intervals"
            + " at each end and needs whole 10s windows between, so at least 40s",
        "--duration 2h | --duration must be at most 1h, got 2h",
        "--grace 5s | --grace must be at least 8s (the failover time the streams app requires),"
            + " got 5s",
        "--instances 1,1 | --instances must list instance counts once each, got [1, 1]",
        "--instances 1,7 | --instances 7 must be from 1 to --partitions 6 / --threads 1: a stream"
            + " thread without a partition of its own has nothing to drain",
        "--instances 3 --threads 3 | --instances 3 must be from 1 to --partitions 6 / --threads 3:"
            + " a stream thread without a partition of its own has nothing to drain",
        "--config x.yml | --config needs --bootstrap-servers: the embedded cluster takes plain"
            + " connections",
      })
  void aMistakeIsOneLineNamingTheOption(String args, String error) {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new ScaleOutBenchCommand());
    command.setErr(new PrintWriter(err));

    int exit = command.execute(args.strip().split(" +"));

    assertEquals(2, exit, err.toString());
    assertEquals("fleetpulse bench-scaleout: " + error, err.toString().strip());
  }
}
