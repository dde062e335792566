package io.fleetpulse.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.scenario.FeedProgress;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.simulator.scenario.ScenarioLoader;
import io.fleetpulse.streams.signal.SignalsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shipped scenario through the real pipeline in simulated time with its fixed seed, held to what
 * the detectors promise: a crashed node is down within two scrape intervals, and a restart of the
 * pipeline on a steady fleet raises nothing. The overload scenarios' lead times are measured by
 * {@code fleetpulse evaluate}.
 */
class EarlyWarningIT {

  private final ScenarioLoader loader = new ScenarioLoader();
  private final ScenarioEvaluator evaluator = new ScenarioEvaluator(SignalsConfig.defaults());

  @Test
  void aCrashedNodeIsDownWithinTwoScrapeIntervals(@TempDir Path dir) throws Exception {
    Scenario scenario = loader.load("node-crash");
    ScenarioEvaluator.Result result = evaluator.evaluate(scenario, dir, FeedProgress.NONE);
    Instant crash = result.truth().crashes().values().iterator().next().get(0);
    LeadTimeScore nodeDown = score(result.evaluation().detectors(), SignalName.NODE_DOWN);
    assertNotNull(
        nodeDown.firstFiredMs(), "node_down never fired: " + result.evaluation().toJson());
    long delay = nodeDown.firstFiredMs() - crash.toEpochMilli();
    assertTrue(
        delay >= 0 && delay <= 2 * scenario.scrapeInterval().toMillis(),
        "node_down fired " + delay + " ms after the crash");
  }

  /**
   * Twenty-five minutes of the steady fleet, restarted at 15 min (every detector past its warm-up)
   * with 30 s taken in by nothing: the restored state and the gap in scrapes and events must not
   * read as an incident.
   */
  @Test
  void aRestartOnASteadyFleetRaisesNoSignal(@TempDir Path dir) throws Exception {
    Scenario steady = loader.load("steady");
    Scenario scenario =
        new Scenario(
            steady.name(),
            steady.description(),
            steady.seed(),
            Duration.ofMinutes(25),
            steady.scrapeInterval(),
            steady.slo(),
            steady.fleet(),
            steady.arrivals(),
            steady.requestShape(),
            steady.clientTimeouts(),
            steady.faults());
    ScenarioEvaluator.Result result =
        evaluator.evaluate(
            scenario,
            dir,
            FeedProgress.NONE,
            new PipelineRestart(Duration.ofMinutes(15), Duration.ofSeconds(30)));
    assertEquals(1, result.restarts(), "the streams app was restarted once");
    for (LeadTimeScore detector : result.evaluation().detectors()) {
      // The scenario has no incident, so any episode at all counts as a false positive.
      assertEquals(
          0,
          detector.falsePositives(),
          detector.name() + " fired across the restart: " + result.evaluation().toJson());
    }
  }

  private static LeadTimeScore score(List<LeadTimeScore> scores, SignalName signal) {
    return scores.stream().filter(s -> s.name().equals(signal.id())).findFirst().orElseThrow();
  }
}
