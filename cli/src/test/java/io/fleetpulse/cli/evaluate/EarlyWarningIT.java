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
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A shipped scenario through the real pipeline in simulated time with its fixed seed, held to what
 * the detectors promise: an overload is warned of minutes before its breach and before every
 * upstream rule, a crashed node is down within two scrape intervals, and a restart of the pipeline
 * on a steady fleet raises nothing. {@code fleetpulse evaluate} measures the same on every shipped
 * scenario.
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
    Scenario scenario = firstMinutes(loader.load("steady"), 25);
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

  /**
   * The overload scenarios with their shipped seeds: the first FleetPulse signal fires at least two
   * minutes before the SLO breach, before every baseline rule, and nothing fires before the
   * incident begins.
   */
  @ParameterizedTest
  @ValueSource(strings = {"overload-ramp", "long-context-surge"})
  void anOverloadIsWarnedOfMinutesAheadAndBeforeEveryBaseline(String name, @TempDir Path dir)
      throws Exception {
    ScenarioEvaluator.Result result = evaluator.evaluate(loader.load(name), dir, FeedProgress.NONE);
    Evaluation evaluation = result.evaluation();
    String json = evaluation.toJson();
    Long breach = evaluation.breachMs();
    assertNotNull(breach, "the scenario breaches its SLO: " + json);
    long first =
        evaluation.detectors().stream()
            .map(LeadTimeScore::firstFiredMs)
            .filter(Objects::nonNull)
            .min(Long::compare)
            .orElseThrow(() -> new AssertionError("no FleetPulse signal fired: " + json));
    assertTrue(breach - first >= 120_000, "warned only " + (breach - first) + " ms ahead: " + json);
    for (LeadTimeScore baseline : evaluation.baselines()) {
      assertTrue(
          baseline.firstFiredMs() == null || first < baseline.firstFiredMs(),
          baseline.name() + " fired first: " + json);
    }
    for (LeadTimeScore detector : evaluation.detectors()) {
      assertEquals(0, detector.falsePositives(), detector.name() + " fired early: " + json);
    }
  }

  private static Scenario firstMinutes(Scenario shipped, int minutes) {
    return new Scenario(
        shipped.name(),
        shipped.description(),
        shipped.seed(),
        Duration.ofMinutes(minutes),
        shipped.scrapeInterval(),
        shipped.slo(),
        shipped.fleet(),
        shipped.arrivals(),
        shipped.requestShape(),
        shipped.clientTimeouts(),
        shipped.faults());
  }

  private static LeadTimeScore score(List<LeadTimeScore> scores, SignalName signal) {
    return scores.stream().filter(s -> s.name().equals(signal.id())).findFirst().orElseThrow();
  }
}
