package io.fleetpulse.cli.pipelinebench;

import io.fleetpulse.cli.broker.FreePort;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.demo.DemoConfig;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.cli.scenario.ProgressBar;
import io.fleetpulse.collector.Collector;
import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.ingest.IngestConfig;
import io.fleetpulse.schemas.DaemonThreads;
import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.sink.SinkConfig;
import io.fleetpulse.sink.SinkExporter;
import io.fleetpulse.streams.FleetStreamsApp;
import io.fleetpulse.streams.StreamsAppConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of the pipeline benchmark: a simulated vLLM fleet scraped by the whole pipeline in this
 * process (collector, Kafka, streams app, sink, configured as {@code run} configures them by
 * default), and optionally by Prometheus beside it; measured after the warm-up, then waited on
 * until the last fleet window of the measured stretch is on the sink or cannot be anymore.
 */
public final class PipelineBench {

  private static final long POLL_MS = 100;
  private static final long SAMPLE_MS = 1000;
  private static final Duration FIRST_WINDOW_LIMIT = Duration.ofMinutes(3);
  private static final String BEHIND = "fleetpulse_pipeline_behind";
  private static final String CONSUMER_LAG = "fleetpulse_streams_consumer_lag_records";

  private final BenchPlan plan;
  private final PrintStream progress;
  private final ThreadCpuLedger cpu;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final String applicationId;
  private volatile boolean measuring;
  private volatile boolean measuredEnd;
  private volatile long measureStartMs;
  private volatile long peakHeap;
  private volatile long behindSeconds;
  private volatile long maxLag;

  public PipelineBench(BenchPlan plan, PrintStream progress) {
    this.plan = plan;
    this.progress = progress;
    // Its own application id and topics: a Kafka of the caller's may hold an earlier run's.
    this.applicationId = "fleetpulse-streams-bench-" + System.currentTimeMillis();
    this.cpu = new ThreadCpuLedger(name -> Part.of(name, applicationId));
  }

  public BenchResult run() throws IOException, InterruptedException {
    FleetSpec defaults = FleetSpec.defaults();
    FleetSpec spec =
        new FleetSpec(
            plan.clusterNames(),
            plan.nodes() / plan.clusters(),
            defaults.model(),
            defaults.requestsPerSecondPerNode(),
            defaults.seed());
    progress.printf("Starting %,d simulated vLLM nodes...%n", plan.nodes());
    try (SimulatedFleet fleet = SimulatedFleet.start(spec)) {
      ScrapeConfig job = DemoConfig.scrapeJob(fleet);
      FleetPulseConfig config = config(job);
      progress.println(
          "Starting the pipeline ("
              + (plan.embedded() ? "embedded Kafka" : plan.bootstrapServers())
              + ")...");
      try (Pipeline pipeline = Pipeline.start(config, Component.all());
          Opponent opponent = startOpponent(job, config)) {
        return measure(fleet, job.jobName(), pipeline, config, opponent);
      }
    }
  }

  private FleetPulseConfig config(ScrapeConfig job) {
    CollectorConfig collector =
        new CollectorConfig(
            plan.interval(),
            null,
            List.of(job),
            null,
            null,
            null,
            null,
            IngestConfig.defaults().withListen("127.0.0.1:" + FreePort.find()),
            null);
    StreamsAppConfig defaults = StreamsAppConfig.defaults();
    StreamsAppConfig streams =
        new StreamsAppConfig(
            applicationId,
            defaults.windows(),
            defaults.grace(),
            defaults.numStreamThreads(),
            plan.workDir().resolve("streams-state").toString(),
            defaults.replicationFactor(),
            "127.0.0.1:0");
    SinkConfig sink = SinkConfig.defaults().withListen("127.0.0.1:0");
    KafkaSettings kafka =
        KafkaSettings.of(
            plan.bootstrapServers(),
            plan.embedded() ? null : applicationId,
            plan.workDir().resolve("kafka").toString(),
            null);
    return new FleetPulseConfig(kafka, collector, streams, sink);
  }

  private Opponent startOpponent(ScrapeConfig job, FleetPulseConfig config)
      throws IOException, InterruptedException {
    if (!plan.vsPrometheus()) {
      return new Opponent(Optional.empty());
    }
    progress.println("Starting Prometheus on the same targets...");
    return new Opponent(
        Optional.of(
            PrometheusOpponent.start(
                plan.workDir().resolve("prometheus"),
                job,
                plan.interval(),
                config.collector().scrapeTimeout(),
                config.streams().windows())));
  }

  private BenchResult measure(
      SimulatedFleet fleet,
      String job,
      Pipeline pipeline,
      FleetPulseConfig config,
      Opponent opponent)
      throws IOException, InterruptedException {
    Collector collector = pipeline.collector().orElseThrow();
    SinkExporter sink = pipeline.sink().orElseThrow();
    FleetStreamsApp streams = pipeline.streams().orElseThrow();
    SinkWatcher watcher = new SinkWatcher(sink.latest(), fleet.groundTruth());
    ProgressBar bar = new ProgressBar(progress);
    long runStart = System.currentTimeMillis();
    ScheduledExecutorService ticks =
        Executors.newScheduledThreadPool(2, new DaemonThreads("fleetpulse-bench-"));
    try {
      ticks.scheduleAtFixedRate(watcher::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
      ticks.scheduleAtFixedRate(
          () -> {
            sample(streams);
            if (!measuredEnd) {
              bar.progressed(
                  Duration.ofMillis(done(runStart)),
                  plan.duration(),
                  collector.scrapesCompleted() + collector.scrapesFailed());
            }
          },
          SAMPLE_MS,
          SAMPLE_MS,
          TimeUnit.MILLISECONDS);
      Thread.sleep(plan.warmup().toMillis());
      awaitFirstWindow(watcher);

      long measureStart = System.currentTimeMillis();
      measureStartMs = measureStart;
      cpu.start();
      long scrapesBefore = collector.scrapesCompleted() + collector.scrapesFailed();
      long failedBefore = collector.scrapesFailed();
      double samplesBefore = samplesKept(collector, job);
      long lateBefore = streams.lateRecordsDropped();
      opponent.startMeasuring();
      measuring = true;

      Thread.sleep(plan.duration().minus(plan.warmup()).toMillis());

      measuring = false;
      long measureEnd = System.currentTimeMillis();
      cpu.sample();
      ThreadCpuLedger.Usage usage = cpu.usage();
      long scrapes = collector.scrapesCompleted() + collector.scrapesFailed() - scrapesBefore;
      long failed = collector.scrapesFailed() - failedBefore;
      double samples = samplesKept(collector, job) - samplesBefore;
      Optional<PrometheusCost> prometheus = opponent.stopMeasuring();
      measuredEnd = true;
      bar.progressed(
          plan.duration(),
          plan.duration(),
          collector.scrapesCompleted() + collector.scrapesFailed());

      Map<String, Integer> expected =
          expectedWindows(config.streams().windows(), measureStart, measureEnd);
      List<WindowArrival> arrivals =
          awaitWindows(watcher, config, measureStart, measureEnd, expected);
      int series = MetricsPage.fetch("http://127.0.0.1:" + sink.port() + "/metrics").series();
      return new BenchResult(
          plan.nodes(),
          plan.interval(),
          Duration.ofMillis(measureEnd - measureStart),
          plan.embedded() ? "embedded" : plan.bootstrapServers(),
          scrapes,
          failed,
          (long) samples,
          usage,
          peakHeap,
          series,
          expected,
          arrivals,
          behindSeconds,
          maxLag,
          streams.lateRecordsDropped() - lateBefore,
          plan.tolerance(),
          prometheus);
    } finally {
      ticks.shutdownNow();
    }
  }

  private static double samplesKept(Collector collector, String job) {
    return collector.metrics().samplesScraped.labelValues(job).get();
  }

  /**
   * The warm-up lasts until the pipeline has put a first fleet window on the sink: a broker and a
   * streams app that start slowly on a busy machine would otherwise have their start measured.
   */
  private void awaitFirstWindow(SinkWatcher watcher) throws InterruptedException {
    long deadline = System.currentTimeMillis() + FIRST_WINDOW_LIMIT.toMillis();
    if (watcher.arrivals().isEmpty()) {
      progress.println("\nWarm-up: waiting for the first fleet window on the sink...");
    }
    while (watcher.arrivals().isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(POLL_MS);
    }
  }

  /** How much of the run the progress bar shows done: the warm-up, then the measured stretch. */
  private long done(long runStart) {
    long now = System.currentTimeMillis();
    long warmup = plan.warmup().toMillis();
    if (measureStartMs == 0) {
      return Math.min(now - runStart, warmup);
    }
    // Short of the end: the bar's last line, with its newline, is drawn once, when measuring ends.
    return Math.min(warmup + now - measureStartMs, plan.duration().toMillis() - 1);
  }

  /** Every second: CPU, heap, and whether the streams app says it is behind. */
  private void sample(FleetStreamsApp streams) {
    cpu.sample();
    peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
    if (!measuring || streams.healthPort().isEmpty()) {
      return;
    }
    try {
      MetricsPage health =
          MetricsPage.fetch("http://127.0.0.1:" + streams.healthPort().getAsInt() + "/metrics");
      if (health.sum(BEHIND) > 0) {
        behindSeconds++;
      }
      maxLag = Math.max(maxLag, (long) health.sum(CONSUMER_LAG));
    } catch (IOException e) {
      progress.println("\nstreams health not readable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The fleet windows, by name, that start at or after {@code fromMs} and end by {@code toMs}. */
  static Map<String, Integer> expectedWindows(List<Duration> windows, long fromMs, long toMs) {
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (Duration window : windows) {
      long size = window.toMillis();
      long firstStart = Math.floorDiv(fromMs + size - 1, size) * size;
      long count = firstStart + size > toMs ? 0 : (toMs - firstStart) / size;
      expected.put(PrometheusDuration.format(window), (int) count);
    }
    return expected;
  }

  /**
   * Waits until the sink holds every expected window, or until the last of them is later than the
   * grace and two intervals allow (then the missing ones count as missing); returns the expected
   * ones that arrived.
   */
  private List<WindowArrival> awaitWindows(
      SinkWatcher watcher,
      FleetPulseConfig config,
      long fromMs,
      long toMs,
      Map<String, Integer> expected)
      throws InterruptedException {
    int total = expected.values().stream().mapToInt(Integer::intValue).sum();
    long deadline =
        toMs + config.streams().grace().toMillis() + 2 * plan.interval().toMillis() + 10_000;
    progress.printf("Waiting for the last of %d fleet windows to reach the sink...%n", total);
    while (true) {
      List<WindowArrival> counted =
          watcher.arrivals().stream()
              .filter(a -> a.startMs() >= fromMs && a.endMs() <= toMs)
              .toList();
      if (counted.size() >= total || System.currentTimeMillis() > deadline) {
        return counted;
      }
      Thread.sleep(POLL_MS);
    }
  }

  /** Prometheus when it runs beside the pipeline, nothing when it does not. */
  private record Opponent(Optional<PrometheusOpponent> prometheus) implements AutoCloseable {

    void startMeasuring() throws IOException, InterruptedException {
      if (prometheus.isPresent()) {
        prometheus.get().startMeasuring();
      }
    }

    Optional<PrometheusCost> stopMeasuring() throws IOException, InterruptedException {
      return prometheus.isPresent()
          ? Optional.of(prometheus.get().stopMeasuring())
          : Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
      if (prometheus.isPresent()) {
        prometheus.get().close();
      }
    }
  }
}
