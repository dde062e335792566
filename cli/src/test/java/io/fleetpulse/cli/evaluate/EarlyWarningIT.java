package io.fleetpulse.cli.evaluate;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shipped scenario through the real pipeline in simulated time with its fixed seed, held to what
 * the detectors promise: a crashed node is down within two scrape intervals. The overload
 * scenarios' lead times are measured by {@code fleetpulse evaluate}.
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

  private static LeadTimeScore score(List<LeadTimeScore> scores, SignalName signal) {
    return scores.stream().filter(s -> s.name().equals(signal.id())).findFirst().orElseThrow();
  }
}
