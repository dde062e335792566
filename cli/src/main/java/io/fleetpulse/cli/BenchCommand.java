package io.fleetpulse.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Runs FleetPulse's JMH benchmarks (io.fleetpulse.bench) and prints JMH's report, then one line per "
          + "benchmark and parameter with its bytes-per-second rate where it reports one.",
      "The defaults take about a minute; for figures to rely on, give it more forks, iterations and time."
    })
final class BenchCommand implements Callable<Integer> {

  /** The secondary result the parser benchmark reports its MB/s under. */
  private static final String MEGABYTES = "megabytes";

  @Option(
      names = "--include",
      defaultValue = "io\\.fleetpulse\\.bench\\..*",
      description = "Regular expression of the benchmarks to run. Default: ${DEFAULT-VALUE}.")
  String include;

  @Option(
      names = "--forks",
      defaultValue = "1",
      description =
          "JVMs forked per benchmark (0 runs them in this JVM, less isolated). Default: ${DEFAULT-VALUE}.")
  int forks;

  @Option(
      names = "--warmup-iterations",
      defaultValue = "2",
      description = "Default: ${DEFAULT-VALUE}.")
  int warmupIterations;

  @Option(
      names = "--iterations",
      defaultValue = "3",
      description = "Measured iterations. Default: ${DEFAULT-VALUE}.")
  int iterations;

  @Option(
      names = "--time",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "Length of each warm-up and measured iteration. Default: ${DEFAULT-VALUE}.")
  Duration time;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    TimeValue iterationTime = TimeValue.milliseconds(time.toMillis());
    Options options =
        new OptionsBuilder()
            .include(include)
            .forks(forks)
            .warmupIterations(warmupIterations)
            .warmupTime(iterationTime)
            .measurementIterations(iterations)
            .measurementTime(iterationTime)
            .build();
    Collection<RunResult> results;
    try {
      results = new Runner(options).run();
    } catch (RunnerException e) {
      spec.commandLine().getErr().println("fleetpulse bench: " + e.getMessage());
      return 1;
    }
    printSummary(results, spec.commandLine().getOut());
    return results.isEmpty() ? 1 : 0;
  }

  /**
   * One line per run: "ExpositionParserBenchmark.parse (engine=vllm): 8123.4 ops/s, 430.5 MB/s".
   */
  private static void printSummary(Collection<RunResult> results, PrintWriter out) {
    out.println();
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      StringBuilder line = new StringBuilder(shortName(params.getBenchmark()));
      String parameters =
          params.getParamsKeys().stream()
              .map(key -> key + "=" + params.getParam(key))
              .collect(Collectors.joining(","));
      if (!parameters.isEmpty()) {
        line.append(" (").append(parameters).append(')');
      }
      Result<?> primary = result.getPrimaryResult();
      line.append(
          String.format(Locale.ROOT, ": %.1f %s", primary.getScore(), primary.getScoreUnit()));
      Result<?> megabytes = result.getSecondaryResults().get(MEGABYTES);
      if (megabytes != null) {
        line.append(String.format(Locale.ROOT, ", %.1f MB/s", megabytes.getScore()));
      }
      out.println(line);
    }
    out.flush();
  }

  /**
   * Class and method: io.fleetpulse.bench.ExpositionParserBenchmark.parse becomes
   * ExpositionParserBenchmark.parse.
   */
  private static String shortName(String benchmark) {
    int method = benchmark.lastIndexOf('.');
    return benchmark.substring(benchmark.lastIndexOf('.', method - 1) + 1);
  }
}
