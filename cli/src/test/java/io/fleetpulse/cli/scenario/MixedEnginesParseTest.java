package io.fleetpulse.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.contract.EngineName;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.simulator.scenario.ScenarioLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every engine's simulated page goes through the collector's parser into an up scrape of the right
 * engine.
 */
class MixedEnginesParseTest {

  private static final class Kept implements ScenarioOutput {
    final List<Scrape> scrapes = new ArrayList<>();
    long requests;

    @Override
    public void scrape(String key, Scrape scrape) {
      scrapes.add(scrape);
    }

    @Override
    public void request(String key, RequestEvent event) {
      requests++;
    }
  }

  @Test
  void allFourFormatsParseIntoUpScrapesWithTheirEngineDetected() {
    Scenario shipped = new ScenarioLoader().load("mixed-engines");
    Scenario shortened =
        new Scenario(
            shipped.name(),
            shipped.description(),
            shipped.seed(),
            Duration.ofMinutes(2),
            shipped.scrapeInterval(),
            shipped.slo(),
            shipped.fleet(),
            shipped.arrivals(),
            shipped.requestShape(),
            shipped.clientTimeouts(),
            shipped.faults());
    Kept kept = new Kept();
    ScenarioRunner.runInto(
        shortened, kept, Instant.parse("2026-03-01T00:00:00Z"), 0, FeedProgress.NONE);

    Map<EngineName, Integer> upByEngine = new EnumMap<>(EngineName.class);
    for (Scrape scrape : kept.scrapes) {
      assertTrue(scrape.getUp(), () -> scrape.getInstance() + " down: " + scrape.getError());
      EngineName engine = EngineName.fromWireName(scrape.getEngine()).orElseThrow();
      assertEquals(engine.wireName(), scrape.getJob());
      assertFalse(scrape.getFamilies().isEmpty());
      upByEngine.merge(engine, 1, Integer::sum);
    }
    assertEquals(EngineName.values().length, upByEngine.size(), "every engine seen: " + upByEngine);
    upByEngine
        .values()
        .forEach(count -> assertTrue(count >= 4 * 24, "4 nodes, every 5 s for 2 minutes"));
    assertTrue(kept.requests > 0);
  }
}
