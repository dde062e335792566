package io.fleetpulse.cli.evaluate;

import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.cli.scenario.FeedProgress;
import io.fleetpulse.cli.scenario.KafkaScenarioOutput;
import io.fleetpulse.cli.scenario.ScenarioOutput;
import io.fleetpulse.cli.scenario.ScenarioRunner;
import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.simulator.simtime.ScenarioTruth;
import io.fleetpulse.streams.StreamsAppConfig;
import io.fleetpulse.streams.signal.SignalsConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one scenario through the real pipeline — embedded broker, the streams app with its detectors
 * — in simulated time, then scores every detector and every upstream baseline against the
 * scenario's ground truth.
 */
public final class ScenarioEvaluator {

  /** The window the detectors and the chart read. */
  static final Duration WINDOW = Duration.ofSeconds(10);

  private static final Duration GRACE = Duration.ofSeconds(10);

  /**
   * The grace of a scenario's run: at least two scrape intervals, since a node's window is complete
   * only once that node has reported past its end, and a grace shorter than its interval would hand
   * on its windows in pieces (the {@code week} scenario scrapes every 60 s).
   */
  static Duration grace(Scenario scenario) {
    Duration twoIntervals = scenario.scrapeInterval().multipliedBy(2);
    return twoIntervals.compareTo(GRACE) > 0 ? twoIntervals : GRACE;
  }

  /**
   * How much of the scenario is in Kafka before the streams app starts. A task that has seen no
   * input for a grace lets the wall clock complete its windows, which is right for a partition
   * without nodes; but a feed in simulated time is an hour in the past, so a node-stage task whose
   * first records came a grace after the app started (a busy machine) had every window it would
   * ever contribute to closed already, and the whole run lost its nodes. With a head start every
   * such task has input from the first poll, and the wall clock stays out while any is unread.
   */
  private static final Duration HEAD_START = Duration.ofMinutes(1);

  /**
   * How long the pipeline may go, once everything is fed, without closing a further window: a long
   * scenario's backlog takes as long as it takes, a pipeline that stopped does not.
   */
  private static final Duration STALL_LIMIT = Duration.ofMinutes(3);

  /** How long nothing more may come before a run's output counts as complete. */
  private static final Duration QUIET = Duration.ofSeconds(10);

  private final SignalsConfig signals;

  public ScenarioEvaluator(SignalsConfig signals) {
    this.signals = signals.withWindow(WINDOW);
  }

  /** The run and its picture; {@code workDir} holds the broker's and the streams app's data. */
  public Result evaluate(Scenario scenario, Path workDir, FeedProgress progress)
      throws InterruptedException {
    return evaluate(scenario, workDir, progress, null);
  }

  /**
   * As {@link #evaluate(Scenario, Path, FeedProgress)}, with the pipeline restarted once during the
   * run when {@code restart} is given. The broker stays up, as a deployment's Kafka does.
   */
  public Result evaluate(
      Scenario scenario, Path workDir, FeedProgress progress, PipelineRestart restart)
      throws InterruptedException {
    if (restart != null && restart.at().compareTo(scenario.duration()) >= 0) {
      throw new IllegalArgumentException(
          "the restart at "
              + PrometheusDuration.format(restart.at())
              + " comes after the scenario's end ("
              + PrometheusDuration.format(scenario.duration())
              + ")");
    }
    FleetPulseConfig brokerOnly = config(workDir, "", grace(scenario));
    Topics topics = new Topics(brokerOnly.kafka().topicPrefix());
    // Kafka refuses timestamps more than an hour ahead of its clock: the run ends now.
    Instant start = Instant.now().minus(scenario.duration()).truncatedTo(ChronoUnit.SECONDS);
    try (Pipeline kafka = Pipeline.start(brokerOnly, EnumSet.noneOf(Component.class));
        RestartableStreams streams =
            new RestartableStreams(config(workDir, kafka.bootstrapServers(), grace(scenario)));
        PipelineWatcher watcher = new PipelineWatcher(kafka.connection(), topics, windowName());
        KafkaScenarioOutput kafkaOutput = new KafkaScenarioOutput(kafka.connection(), topics)) {
      long headStartMs = start.plus(HEAD_START).toEpochMilli();
      ScenarioOutput output = new FeedPause(kafkaOutput, headStartMs, headStartMs, streams::start);
      if (restart != null) {
        long restartMs = start.plus(restart.at()).toEpochMilli();
        output =
            new FeedPause(
                output,
                restartMs,
                restartMs + restart.downtime().toMillis(),
                // The feed stops at the restart: only windows a few windows before it can close.
                () -> streams.restartOnceCaughtUp(watcher, restartMs - 3 * WINDOW.toMillis()));
      }
      ScenarioTruth truth = ScenarioRunner.runInto(scenario, output, start, 0, progress);
      streams.start();
      awaitWindowsUpTo(
          watcher, truth.end().minus(WINDOW.multipliedBy(2)).toEpochMilli(), System.err);
      awaitQuiet(watcher);
      watcher.stop();
      return score(scenario, truth, watcher, streams.restarts);
    }
  }

  /**
   * The streams app of an evaluated run: started once the feed is under way, and stopped and
   * started again by a {@link PipelineRestart}.
   */
  private static final class RestartableStreams implements AutoCloseable {

    private final FleetPulseConfig config;
    private Pipeline running;
    private int restarts;

    RestartableStreams(FleetPulseConfig config) {
      this.config = config;
    }

    /** Starts the streams app unless it runs already. */
    void start() {
      if (running == null) {
        running = Pipeline.start(config, EnumSet.of(Component.STREAMS));
      }
    }

    void restartOnceCaughtUp(PipelineWatcher watcher, long windowsUpToMs) {
      start();
      try {
        awaitWindowsUpTo(watcher, windowsUpToMs, System.err);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted before the restart", e);
      }
      System.err.println("evaluate: restarting the streams app");
      running.close();
      running = Pipeline.start(config, EnumSet.of(Component.STREAMS));
      restarts++;
    }

    @Override
    public void close() {
      if (running != null) {
        running.close();
      }
    }
  }

  /**
   * Waits until nothing more is read for {@link #QUIET}: the detectors that compare nodes read the
   * node windows through a repartition topic of their own, so their signals can trail the last
   * fleet window by many seconds on a busy machine.
   */
  private static void awaitQuiet(PipelineWatcher watcher) throws InterruptedException {
    long deadline = System.nanoTime() + STALL_LIMIT.toNanos();
    long read = watcher.recordsRead();
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < QUIET.toNanos() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      if (watcher.recordsRead() != read) {
        read = watcher.recordsRead();
        quietSince = System.nanoTime();
      }
    }
  }

  private static void awaitWindowsUpTo(PipelineWatcher watcher, long endMs, PrintStream progress)
      throws InterruptedException {
    long deadline = System.nanoTime() + STALL_LIMIT.toNanos();
    long newest = watcher.newestWindowEndMs();
    long lastShown = 0;
    while (watcher.newestWindowEndMs() < endMs && System.nanoTime() < deadline) {
      Thread.sleep(200);
      if (watcher.newestWindowEndMs() > newest) {
        newest = watcher.newestWindowEndMs();
        deadline = System.nanoTime() + STALL_LIMIT.toNanos();
      }
      if (System.nanoTime() - lastShown > 2_000_000_000L) {
        lastShown = System.nanoTime();
        long behind =
            watcher.newestWindowEndMs() == Long.MIN_VALUE
                ? -1
                : (endMs - watcher.newestWindowEndMs()) / 1000;
        progress.printf(
            Locale.ROOT,
            "\rwaiting for the pipeline: %s, %,d records read back ",
            behind < 0 ? "no fleet window yet" : "fleet windows " + behind + " s short of the end",
            watcher.recordsRead());
      }
    }
    progress.println();
    if (watcher.newestWindowEndMs() < endMs) {
      throw new IllegalStateException(
          "the pipeline closed no further window for "
              + PrometheusDuration.format(STALL_LIMIT)
              + ": newest fleet window ends "
              + Instant.ofEpochMilli(watcher.newestWindowEndMs())
              + ", run ends "
              + Instant.ofEpochMilli(endMs));
    }
  }

  private Result score(
      Scenario scenario, ScenarioTruth truth, PipelineWatcher watcher, int restarts) {
    long startMs = truth.start().toEpochMilli();
    Long breachMs = truth.breachAt().map(Instant::toEpochMilli).orElse(null);
    LeadTimeScore.Incident incident =
        scenario
            .incidentOnset()
            .map(onset -> new LeadTimeScore.Incident(startMs + onset.toMillis(), breachMs))
            .orElse(null);
    Map<String, List<FiringEpisode>> fired = watcher.episodes.episodes();
    List<LeadTimeScore> detectors = new ArrayList<>();
    for (SignalName signal : SignalName.values()) {
      if (signal == SignalName.PIPELINE_BEHIND) {
        // The pipeline's own health, not a warning about the fleet: a simulated run feeds faster
        // than real time, so the pipeline is behind by design.
        continue;
      }
      detectors.add(
          LeadTimeScore.of(signal.id(), fired.getOrDefault(signal.id(), List.of()), incident));
    }
    List<LeadTimeScore> baselines = new ArrayList<>();
    watcher
        .baselines
        .episodes()
        .forEach((rule, episodes) -> baselines.add(LeadTimeScore.of(rule, episodes, incident)));
    return new Result(
        new Evaluation(scenario.name(), startMs, breachMs, detectors, baselines),
        watcher.timeline.since(startMs),
        truth,
        restarts);
  }

  /** The run's config: {@code bootstrapServers} empty starts the embedded broker in it. */
  private FleetPulseConfig config(Path workDir, String bootstrapServers, Duration grace) {
    StreamsAppConfig streams =
        new StreamsAppConfig(
            "fleetpulse-evaluate",
            List.of(WINDOW, Duration.ofMinutes(1)),
            grace,
            null,
            workDir.resolve("streams-state").toString(),
            null,
            "127.0.0.1:0",
            null,
            null,
            signals,
            null);
    KafkaSettings kafka =
        KafkaSettings.of(bootstrapServers, null, workDir.resolve("kafka").toString(), 4);
    return new FleetPulseConfig(kafka, null, streams, null);
  }

  private static String windowName() {
    return PrometheusDuration.format(WINDOW);
  }

  /**
   * One scenario's scores, the fleet's timeline for its chart, what really happened, and how often
   * the streams app was restarted.
   */
  public record Result(
      Evaluation evaluation, ScenarioChart.Timeline timeline, ScenarioTruth truth, int restarts) {}
}
