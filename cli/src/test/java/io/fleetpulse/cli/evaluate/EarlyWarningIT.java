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
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped scenarios, each through the real pipeline in simulated time with its fixed seed, held
 * to what the detectors promise: warning two minutes ahead of an overload or a long-context surge
 * and earlier than every upstream rule, node down within two scrape intervals, the slow node named.
 */
class EarlyWarningIT {

  private final ScenarioLoader loader = new ScenarioLoader();
  private final ScenarioEvaluator evaluator = new ScenarioEvaluator(SignalsConfig.defaults());

  @Test
  void overloadRampWarnsTwoMinutesAheadAndBeforeEveryBaseline(@TempDir Path dir) throws Exception {
    assertWarnsAheadOfBreach(run("overload-ramp", dir).evaluation());
  }

  @Test
  void longContextSurgeWarnsTwoMinutesAheadAndBeforeEveryBaseline(@TempDir Path dir)
      throws Exception {
    assertWarnsAheadOfBreach(run("long-context-surge", dir).evaluation());
  }

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

  @Test
  void theSlowNodeIsNamed(@TempDir Path dir) throws Exception {
    ScenarioEvaluator.Result result =
        evaluator.evaluate(loader.load("slow-node"), dir, FeedProgress.NONE);
    String slow = result.truth().slowNodes().get(0);
    List<FiringEpisode> episodes =
        result.episodes().getOrDefault(SignalName.SLOW_NODE.id(), List.of());
    assertTrue(!episodes.isEmpty(), "slow_node never fired");
    assertTrue(
        episodes.stream().allMatch(episode -> episode.where().endsWith("/" + slow)),
        "slow_node must name " + slow + " and no other node: " + episodes);
  }

  private ScenarioEvaluator.Result run(String name, Path dir) throws InterruptedException {
    return evaluator.evaluate(loader.load(name), dir, FeedProgress.NONE);
  }

  private static void assertWarnsAheadOfBreach(Evaluation evaluation) {
    assertNotNull(
        evaluation.breachMs(), "the scenario must breach its SLO: " + evaluation.toJson());
    long first =
        evaluation.detectors().stream()
            .map(LeadTimeScore::firstFiredMs)
            .filter(Objects::nonNull)
            .min(Long::compare)
            .orElseThrow(() -> new AssertionError("no detector fired: " + evaluation.toJson()));
    assertTrue(
        evaluation.breachMs() - first >= 120_000,
        "first signal only "
            + (evaluation.breachMs() - first) / 1000
            + " s ahead: "
            + evaluation.toJson());
    for (LeadTimeScore baseline : evaluation.baselines()) {
      if (baseline.firstFiredMs() != null) {
        assertTrue(
            first < baseline.firstFiredMs(),
            "baseline " + baseline.name() + " fired first: " + evaluation.toJson());
      }
    }
    for (LeadTimeScore detector : evaluation.detectors()) {
      assertEquals(
          0,
          detector.falsePositives(),
          detector.name() + " fired before the incident: " + evaluation.toJson());
    }
  }

  private static LeadTimeScore score(List<LeadTimeScore> scores, SignalName signal) {
    return scores.stream().filter(s -> s.name().equals(signal.id())).findFirst().orElseThrow();
  }
}
