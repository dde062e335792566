package io.fleetpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  static {
    // JMH allows one run per machine; this test measures nothing, so it must not fail beside a real
    // run.
    System.setProperty("jmh.ignoreLock", "true");
  }

  private int bench(String... args) {
    CommandLine command = new CommandLine(new BenchCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    return command.execute(args);
  }

  /**
   * In this JVM and for a moment only: this proves the wiring (benchmark list, options, summary),
   * not the speed.
   */
  @Test
  void runsTheParserBenchmarkAndSummarizesMegabytesPerSecondPerFixture() {
    int exit =
        bench(
            "--include",
            "ExpositionParserBenchmark",
            "--forks",
            "0",
            "--warmup-iterations",
            "0",
            "--iterations",
            "1",
            "--time",
            "100ms");

    assertEquals(0, exit, err.toString());
    for (String fixture :
        List.of("vllm.prom", "tgi.prom", "llamacpp.prom", "sglang.prom", "vllm.om")) {
      Pattern line =
          Pattern.compile(
              "ExpositionParserBenchmark\\.parse \\(fixture="
                  + Pattern.quote(fixture)
                  + "\\): [0-9.]+ ops/s, [0-9.]+ MB/s");
      assertTrue(line.matcher(out.toString()).find(), () -> fixture + " missing from:\n" + out);
    }
  }

  @Test
  void noMatchingBenchmarkIsAFailure() {
    int exit = bench("--include", "NoSuchBenchmark", "--forks", "0");

    assertEquals(1, exit);
    assertTrue(err.toString().startsWith("fleetpulse bench: "), err.toString());
  }

  @Test
  void helpListsTheOptions() {
    assertEquals(0, bench("--help"));
    for (String option :
        List.of("--include", "--forks", "--warmup-iterations", "--iterations", "--time")) {
      assertTrue(out.toString().contains(option), option);
    }
  }
}
