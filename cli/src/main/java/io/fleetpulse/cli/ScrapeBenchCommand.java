package io.fleetpulse.cli;

import com.sun.management.UnixOperatingSystemMXBean;
import io.fleetpulse.cli.scrapebench.CountingPublisher;
import io.fleetpulse.cli.scrapebench.CpuMeter;
import io.fleetpulse.cli.scrapebench.NativeQuantiles;
import io.fleetpulse.collector.Collector;
import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures whether one collector keeps up with a large fleet on this machine: a simulated vLLM
 * fleet of N nodes in this process, one collector scraping all of them at the interval, a publisher
 * that only counts (no Kafka). Everything is measured after the warm-up, while the JIT compiles and
 * connections open; schedule lag and scrape time come from the collector's own histograms.
 */
@Command(
    name = "bench-scrape",
    mixinStandardHelpOptions = true,
    description =
        "Measures one collector scraping a simulated fleet: scrapes/s, schedule lag, failures, CPU.")
final class ScrapeBenchCommand implements Callable<Integer> {

  private static final String JOB = "vllm";

  /** Below this share of the expected rate, the collector fell behind. */
  private static final double KEEPING_UP = 0.98;

  @Option(
      names = "--targets",
      defaultValue = "2000",
      description = "Simulated nodes to scrape. Default: ${DEFAULT-VALUE}.")
  int targets;

  @Option(
      names = "--interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "Scrape interval. Default: ${DEFAULT-VALUE}.")
  Duration interval;

  @Option(
      names = "--timeout",
      converter = DurationConverter.class,
      description = "Scrape timeout. Default: the collector's (4s, at most the interval).")
  Duration timeout;

  @Option(
      names = "--duration",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "How long to run, warm-up included. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(
      names = "--warmup",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "Left out of the measurements while the JIT compiles and connections open."
              + " Default: ${DEFAULT-VALUE}.")
  Duration warmup;

  @Option(
      names = "--max-concurrent",
      description = "Scrapes in flight at once. Default: the collector's (64).")
  Integer maxConcurrent;

  @Option(
      names = "--rps",
      defaultValue = "-1",
      description = "Requests per second per simulated node (default: the simulator's own).")
  double requestsPerSecond;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String problem = problemWithOptions();
    if (problem != null) {
      spec.commandLine().getErr().println("fleetpulse bench-scrape: " + problem);
      return 2;
    }
    FleetSpec defaults = FleetSpec.defaults();
    FleetSpec spec =
        new FleetSpec(
            List.of("bench"),
            targets,
            defaults.model(),
            requestsPerSecond > 0 ? requestsPerSecond : defaults.requestsPerSecondPerNode(),
            defaults.seed());
    out().printf(Locale.ROOT, "Starting %d simulated vLLM nodes...%n", targets);
    try (SimulatedFleet fleet = SimulatedFleet.start(spec)) {
      List<String> instances = fleet.nodes().stream().map(SimulatedNode::instance).toList();
      ScrapeConfig job =
          new ScrapeConfig(
              JOB,
              null,
              null,
              null,
              null,
              List.of(new StaticConfig(instances, Map.of("cluster", "bench"))));
      CollectorConfig config = new CollectorConfig(interval, timeout, List.of(job), maxConcurrent);
      return run(config);
    }
  }

  private int run(CollectorConfig config) throws InterruptedException {
    CollectorMetrics metrics = new CollectorMetrics();
    long now = System.currentTimeMillis();
    CountingPublisher publisher =
        new CountingPublisher(now + warmup.toMillis(), now + duration.toMillis());
    CpuMeter cpu = new CpuMeter("fleetpulse-sim");
    out()
        .printf(
            Locale.ROOT,
            "Scraping them every %s for %s (first %s warm-up)...%n",
            PrometheusDuration.format(interval),
            PrometheusDuration.format(duration),
            PrometheusDuration.format(warmup));
    try (Collector collector = new Collector(config, publisher, metrics)) {
      collector.start();
      Thread.sleep(warmup.toMillis());
      Measurement before = Measurement.of(metrics);
      cpu.start();
      Thread.sleep(duration.minus(warmup).toMillis());
      CpuMeter.Reading cores = cpu.read();
      Measurement after = Measurement.of(metrics);
      // Scrapes that started in the window may still be running: give them their timeout to be
      // counted.
      Thread.sleep(config.scrapeTimeout().toMillis());
      return report(config, publisher, before, after, cores);
    }
  }

  /** The collector's own metrics at one moment. */
  private record Measurement(
      long nanos,
      HistogramSnapshot lag,
      HistogramSnapshot scrapeTime,
      double samples,
      double bytes,
      int threads) {

    static Measurement of(CollectorMetrics metrics) {
      return new Measurement(
          System.nanoTime(),
          metrics.scheduleLag.collect(),
          metrics.scrapeDuration.collect(),
          metrics.samplesScraped.labelValues(JOB).get(),
          metrics.bytesScraped.labelValues(JOB).get(),
          ManagementFactory.getThreadMXBean().getThreadCount());
    }
  }

  private int report(
      CollectorConfig config,
      CountingPublisher publisher,
      Measurement before,
      Measurement after,
      CpuMeter.Reading cores) {
    double seconds = (after.nanos() - before.nanos()) / 1e9;
    double window = duration.minus(warmup).toMillis() / 1000.0;
    double expected = targets / (interval.toMillis() / 1000.0);
    double rate = publisher.inWindow() / window;
    NativeQuantiles lag = NativeQuantiles.between(before.lag(), after.lag());
    NativeQuantiles scrapeTime = NativeQuantiles.between(before.scrapeTime(), after.scrapeTime());
    NativeQuantiles warmupLag = NativeQuantiles.of(before.lag());
    out()
        .printf(
            Locale.ROOT,
            "%nbench-scrape: %d targets, interval %s, timeout %s, at most %d scrapes at once;"
                + " measured over %.0f s after a %s warm-up%n",
            targets,
            PrometheusDuration.format(interval),
            PrometheusDuration.format(config.scrapeTimeout()),
            config.maxConcurrentScrapes(),
            window,
            PrometheusDuration.format(warmup));
    out()
        .printf(
            Locale.ROOT,
            "scrapes:       %d started = %.1f/s (expected %.1f/s), %d failed (%d in the whole run)%n",
            publisher.inWindow(),
            rate,
            expected,
            publisher.failedInWindow(),
            publisher.failed());
    out()
        .printf(
            Locale.ROOT,
            "schedule lag:  p50 %s, p99 %s, max %s (warm-up: p99 %s, max %s)%n",
            millis(lag.quantile(0.5)),
            millis(lag.quantile(0.99)),
            millis(lag.max()),
            millis(warmupLag.quantile(0.99)),
            millis(warmupLag.max()));
    out()
        .printf(
            Locale.ROOT,
            "scrape time:   p50 %s, p99 %s, max %s%n",
            millis(scrapeTime.quantile(0.5)),
            millis(scrapeTime.quantile(0.99)),
            millis(scrapeTime.max()));
    out()
        .printf(
            Locale.ROOT,
            "samples:       %.0f/s kept, %.1f MB/s of /metrics bodies%n",
            (after.samples() - before.samples()) / seconds,
            (after.bytes() - before.bytes()) / seconds / 1e6);
    out()
        .printf(
            Locale.ROOT,
            "process CPU:   %.2f cores of %d (simulator threads %.2f; collector, GC and JIT %.2f)%n",
            cores.processCores(),
            Runtime.getRuntime().availableProcessors(),
            cores.prefixedThreadCores(),
            cores.processCores() - cores.prefixedThreadCores());
    out()
        .printf(
            Locale.ROOT,
            "threads:       %d in the whole process, simulator and collector included%n",
            after.threads());
    out()
        .println(
            "(lag and scrape time are upper bounds of native-histogram buckets, a few percent wide)");
    if (publisher.failedInWindow() > 0 || rate < KEEPING_UP * expected) {
      out()
          .println(
              "FELL BEHIND: fewer scrapes than the targets and interval call for, or failures");
      return 1;
    }
    return 0;
  }

  private String problemWithOptions() {
    if (targets < 1) {
      return "--targets must be at least 1";
    }
    if (!warmup.isNegative() && warmup.compareTo(duration) >= 0) {
      return "--warmup "
          + PrometheusDuration.format(warmup)
          + " must be shorter than --duration "
          + PrometheusDuration.format(duration);
    }
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      // Each node has a listening socket and a connection, and the collector the other end of it.
      long needed = 3L * targets + 256;
      if (unix.getMaxFileDescriptorCount() < needed) {
        return targets
            + " targets need about "
            + needed
            + " open files, the limit is "
            + unix.getMaxFileDescriptorCount()
            + " (raise it with ulimit -n)";
      }
    }
    return null;
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private static String millis(double seconds) {
    return String.format(Locale.ROOT, seconds < 0.01 ? "%.2f ms" : "%.1f ms", seconds * 1000);
  }
}
