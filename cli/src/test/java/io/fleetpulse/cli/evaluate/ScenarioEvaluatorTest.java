package io.fleetpulse.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.simulator.scenario.ScenarioLoader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioEvaluatorTest {

  private final ScenarioLoader loader = new ScenarioLoader();

  @Test
  void aScenarioScrapedEveryFewSecondsKeepsTheTenSecondGrace() {
    assertEquals(Duration.ofSeconds(10), ScenarioEvaluator.grace(loader.load("overload-ramp")));
  }

  @Test
  void aMinuteScrapeIntervalGetsTwoIntervalsOfGraceSoNoNodesWindowIsSplit() {
    assertEquals(Duration.ofMinutes(2), ScenarioEvaluator.grace(loader.load("week")));
  }
}
