package io.fleetpulse.cli.scenario;

import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.simulator.simtime.ScenarioTruth;
import io.fleetpulse.simulator.simtime.SimulatedTimeRun;
import java.time.Instant;

/**
 * Runs a scenario in simulated time into Kafka (or any {@link ScenarioOutput}) and returns what
 * really happened: the entry point of {@code fleetpulse simulate --simulated-time}, and of
 * evaluation and benchmark runs.
 */
public final class ScenarioRunner {

  private ScenarioRunner() {}

  /**
   * Produces the scenario's scrapes and request events to {@code topics} on {@code kafka} (which
   * must exist), record timestamps at the simulated instants starting at {@code start}. Kafka
   * refuses timestamps more than {@code log.message.timestamp.after.max.ms} (an hour by default)
   * ahead of its clock, so a run faster than real time should start at least its duration in the
   * past.
   *
   * @param speedup 0 for as fast as possible, else simulated seconds per wall second
   */
  public static ScenarioTruth runIntoKafka(
      Scenario scenario,
      KafkaConnection kafka,
      Topics topics,
      Instant start,
      double speedup,
      FeedProgress progress) {
    try (KafkaScenarioOutput output = new KafkaScenarioOutput(kafka, topics)) {
      return runInto(scenario, output, start, speedup, progress);
    }
  }

  /** The same run into any output; flushed before the truth is returned. */
  public static ScenarioTruth runInto(
      Scenario scenario,
      ScenarioOutput output,
      Instant start,
      double speedup,
      FeedProgress progress) {
    return runInto(scenario, output, start, speedup, progress, false);
  }

  /**
   * As {@link #runInto(Scenario, ScenarioOutput, Instant, double, FeedProgress)}; with {@code
   * keepSamples} the truth holds every node's state at every scrape ({@link
   * ScenarioTruth#samples}), for judging gauges.
   */
  public static ScenarioTruth runInto(
      Scenario scenario,
      ScenarioOutput output,
      Instant start,
      double speedup,
      FeedProgress progress,
      boolean keepSamples) {
    ScenarioFeeder feeder =
        new ScenarioFeeder(scenario.scrapeInterval(), output, new Pacer(speedup, start));
    ScenarioTruth truth =
        new SimulatedTimeRun(scenario, start, keepSamples)
            .run(
                feeder,
                (done, total, scrapes, requests) ->
                    progress.progressed(done, total, feeder.records()));
    output.flush();
    progress.progressed(scenario.duration(), scenario.duration(), feeder.records());
    return truth;
  }
}
