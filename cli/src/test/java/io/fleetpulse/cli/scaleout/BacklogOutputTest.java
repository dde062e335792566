package io.fleetpulse.cli.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.scenario.FeedProgress;
import io.fleetpulse.cli.scenario.ScenarioOutput;
import io.fleetpulse.cli.scenario.ScenarioRunner;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.simulator.GroundTruth;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.simulator.simtime.ScenarioTruth;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BacklogOutputTest {

  /** Counts what reaches the next output. */
  private static final class Counting implements ScenarioOutput {
    long scrapes;
    long requests;

    @Override
    public void scrape(String key, Scrape scrape) {
      scrapes++;
    }

    @Override
    public void request(String key, RequestEvent event) {
      requests++;
    }
  }

  @Test
  void passesEveryScrapeOnLeavesEventsOutAndCountsTheSpansTokensByTheCounterRule() {
    Scenario scenario = BenchFleet.scenario(8, 2, Duration.ofMinutes(1), Duration.ofSeconds(5));
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    long spanStart = start.plusSeconds(20).toEpochMilli();
    long spanEnd = start.plusSeconds(40).toEpochMilli();
    Counting next = new Counting();
    BacklogOutput output = new BacklogOutput(next, spanStart, spanEnd);

    ScenarioTruth truth = ScenarioRunner.runInto(scenario, output, start, 0, FeedProgress.NONE);

    assertEquals(truth.scrapes(), next.scrapes);
    assertEquals(truth.scrapes(), output.scrapes());
    assertEquals(0, next.requests, "request events are left out");
    assertTrue(truth.requests() > 0, "the fleet should have served requests");
    assertEquals(8, output.nodes());
    // The counter rule interpolates inside the interval straddling each edge: it may differ from
    // the simulator's exact count by at most the tokens of one interval around each edge.
    GroundTruth fleet = truth.fleet();
    double exact = fleet.generationTokensBetween(spanStart, spanEnd);
    double tolerance =
        fleet.generationTokensBetween(spanStart - 5_000, spanStart + 5_000)
            + fleet.generationTokensBetween(spanEnd - 5_000, spanEnd + 5_000);
    assertTrue(exact > 0, "the fleet should have generated tokens in the span");
    assertEquals(exact, output.tokensInSpan(), tolerance);
  }
}
