package io.fleetpulse.cli;

import com.sun.management.UnixOperatingSystemMXBean;
import io.fleetpulse.cli.external.DebianTool;
import io.fleetpulse.cli.pipelinebench.BenchPlan;
import io.fleetpulse.cli.pipelinebench.BenchResult;
import io.fleetpulse.cli.pipelinebench.BenchSummary;
import io.fleetpulse.cli.pipelinebench.PipelineBench;
import io.fleetpulse.schemas.PrometheusDuration;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole pipeline under load: a simulated vLLM fleet scraped by the collector, through Kafka and
 * the streams app to the sink, in this process; optionally Prometheus scraping the same fleet
 * beside it. Prints a Markdown summary; exits 1 when the pipeline fell behind or was wrong.
 */
@Command(
    name = "bench-pipeline",
    mixinStandardHelpOptions = true,
    description =
        "Measures the whole pipeline under a simulated fleet: throughput, freshness, CPU per scrape"
            + " by component, heap, correctness; optionally against Prometheus.")
final class PipelineBenchCommand implements Callable<Integer> {

  @Option(
      names = "--nodes",
      defaultValue = "250",
      description = "Simulated vLLM nodes. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(
      names = "--clusters",
      defaultValue = "2",
      description = "Clusters to spread them over, evenly. Default: ${DEFAULT-VALUE}.")
  int clusters;

  @Option(
      names = "--interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "Scrape interval. Default: ${DEFAULT-VALUE}.")
  Duration interval;

  @Option(
      names = "--duration",
      defaultValue = "3m",
      converter = DurationConverter.class,
      description =
          "How long to run, warm-up included: the measured stretch is --duration minus --warmup."
              + " Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(
      names = "--warmup",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "Left out of the measurements while the JIT compiles and the first windows fill;"
              + " lasts at least until the first fleet window is on the sink."
              + " Default: ${DEFAULT-VALUE}.")
  Duration warmup;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "",
      description = "A Kafka of yours instead of the embedded broker (topics get a fresh prefix).")
  String bootstrapServers;

  @Option(
      names = "--vs-prometheus",
      description = "Also run Prometheus (on PATH) scraping the same fleet, with recording rules.")
  boolean vsPrometheus;

  @Option(
      names = "--tolerance",
      defaultValue = "0.05",
      description =
          "Largest relative error of a fleet window's tokens/s against the simulator's truth."
              + " Default: ${DEFAULT-VALUE}.")
  double tolerance;

  @Option(
      names = "--data-dir",
      description = "Broker, streams and Prometheus data. Default: a temporary directory, removed.")
  Path dataDir;

  @Option(names = "--out", description = "Also write the Markdown summary to this file.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String problem = problemWithOptions();
    if (problem != null) {
      spec.commandLine().getErr().println("fleetpulse bench-pipeline: " + problem);
      return 2;
    }
    Path work = dataDir != null ? dataDir : Files.createTempDirectory("fleetpulse-bench-");
    BenchResult result;
    try {
      BenchPlan plan =
          new BenchPlan(
              nodes,
              clusters,
              interval,
              warmup,
              duration,
              bootstrapServers,
              vsPrometheus,
              tolerance,
              work);
      result = new PipelineBench(plan, System.err).run();
    } finally {
      if (dataDir == null) {
        ScratchDir.deleteRecursively(work);
      }
    }
    String summary = BenchSummary.markdown(result, commandLine());
    spec.commandLine().getOut().print(summary);
    spec.commandLine().getOut().flush();
    if (out != null) {
      Files.writeString(out, summary);
    }
    return result.problems().isEmpty() ? 0 : 1;
  }

  private String problemWithOptions() {
    String problem = BenchPlan.problem(nodes, clusters, interval, warmup, duration, tolerance);
    if (problem != null) {
      return problem;
    }
    if (vsPrometheus) {
      try {
        DebianTool.onPath("prometheus", "prometheus");
      } catch (IllegalStateException missing) {
        return "--vs-prometheus: " + missing.getMessage();
      }
    }
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      // Each node listens and holds a connection from the collector (and one from Prometheus).
      long needed = (vsPrometheus ? 5L : 3L) * nodes + 1024;
      if (unix.getMaxFileDescriptorCount() < needed) {
        return nodes
            + " nodes need about "
            + needed
            + " open files, the limit is "
            + unix.getMaxFileDescriptorCount()
            + " (raise it with ulimit -n)";
      }
    }
    return null;
  }

  /** The command line that reproduces this run, for the summary. */
  private String commandLine() {
    StringBuilder line =
        new StringBuilder("./fleetpulse bench-pipeline --nodes ")
            .append(nodes)
            .append(" --clusters ")
            .append(clusters)
            .append(" --interval ")
            .append(PrometheusDuration.format(interval))
            .append(" --warmup ")
            .append(PrometheusDuration.format(warmup))
            .append(" --duration ")
            .append(PrometheusDuration.format(duration));
    if (!bootstrapServers.isBlank()) {
      line.append(" --bootstrap-servers ").append(bootstrapServers);
    }
    if (vsPrometheus) {
      line.append(" --vs-prometheus");
    }
    return line.toString();
  }
}
