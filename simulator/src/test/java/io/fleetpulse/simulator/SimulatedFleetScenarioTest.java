package io.fleetpulse.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.simulator.scenario.ScenarioLoader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** A scenario's fleet served over real HTTP: each node in its own engine's format. */
class SimulatedFleetScenarioTest {

  @Test
  void servesEveryNodeOfTheScenarioInItsEnginesFormat() throws Exception {
    MutableClock clock = MutableClock.of(Instant.ofEpochMilli(1_795_835_430_000L), ZoneOffset.UTC);
    try (SimulatedFleet fleet =
        SimulatedFleet.start(new ScenarioLoader().load("mixed-engines"), clock)) {
      List<SimulatedNode> cluster = fleet.nodesIn("us-east");
      assertEquals(8, cluster.size());
      clock.add(Duration.ofSeconds(30));
      Scrape vllm = Scrape.get(cluster.get(0));
      Scrape tgi = Scrape.get(cluster.get(2));
      Scrape llamacpp = Scrape.get(cluster.get(4));
      Scrape sglang = Scrape.get(cluster.get(6));
      assertTrue(vllm.body().contains("\nvllm:generation_tokens_total{"), "vLLM page");
      assertTrue(tgi.body().startsWith("# HELP tgi_request_count "), "TGI page");
      assertTrue(llamacpp.body().contains("\nllamacpp:tokens_predicted_total "), "llama.cpp page");
      assertTrue(sglang.body().contains("\nsglang:generation_tokens_total{"), "SGLang page");
      assertEquals("text/plain; version=0.0.4; charset=utf-8", vllm.contentType());
      assertEquals("text/plain; version=0.0.4", llamacpp.contentType());
      assertEquals("text/plain; version=0.0.4", tgi.contentType());
    }
  }
}
