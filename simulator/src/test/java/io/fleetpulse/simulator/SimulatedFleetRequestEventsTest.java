package io.fleetpulse.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.simulator.batching.EngineConfig;
import io.fleetpulse.simulator.events.CollectorStub;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** The events a node posts are exactly the requests its own /metrics counts as finished. */
class SimulatedFleetRequestEventsTest {

  private static final Pattern SUCCESS =
      Pattern.compile(
          "^vllm:request_success_total\\{[^}]*finished_reason=\"(\\w+)\"[^}]*} (\\S+)$",
          Pattern.MULTILINE);

  @Test
  void everyFinishedRequestIsPostedOnceWithItsFinishReasonAndTokens() throws Exception {
    MutableClock clock = MutableClock.of(Instant.ofEpochMilli(1_795_835_430_000L), ZoneOffset.UTC);
    long started = clock.millis();
    try (CollectorStub collector = new CollectorStub(0);
        SimulatedFleet fleet =
            SimulatedFleet.start(
                new FleetSpec(List.of("us-east"), 1, null, 0, 7), EngineConfig.defaults(), clock)) {
      SimulatedNode node = fleet.nodes().get(0);
      fleet.postRequestEventsTo(collector.uri(), Duration.ofMillis(50));
      clock.add(Duration.ofSeconds(20));
      Scrape page = Scrape.get(node);
      Map<String, Double> finished = new HashMap<>();
      Matcher success = SUCCESS.matcher(page.body());
      while (success.find()) {
        finished.merge(success.group(1), Double.parseDouble(success.group(2)), Double::sum);
      }
      double total = finished.values().stream().mapToDouble(Double::doubleValue).sum();
      assertTrue(
          total > 40, "twenty seconds at 4 requests/s finish dozens of requests, got " + total);

      long deadline = System.currentTimeMillis() + 10_000;
      while (collector.lines().size() < total) {
        if (System.currentTimeMillis() > deadline) {
          fail("only " + collector.lines().size() + " of " + total + " events arrived");
        }
        Thread.sleep(20);
      }

      Map<String, Double> posted = new HashMap<>();
      double generated = 0;
      for (JsonNode event : collector.lines()) {
        posted.merge(event.get("finish_reason").asText(), 1.0, Double::sum);
        generated += event.get("generation_tokens").asInt();
        double arrival = event.get("arrival_time").asDouble() * 1000;
        assertTrue(
            arrival >= started && arrival <= clock.millis(), "arrival inside the simulated span");
        assertTrue(
            event.get("time_to_first_token_seconds").asDouble()
                <= event.get("e2e_latency_seconds").asDouble());
        assertEquals(node.instance(), event.get("node").asText());
      }
      finished.values().removeIf(count -> count == 0);
      assertEquals(finished, posted);
      assertEquals(page.value("vllm:request_generation_tokens_sum"), generated);
      assertEquals(
          collector.lines().size(),
          collector.lines().stream().map(e -> e.get("request_id").asText()).distinct().count());
    }
  }
}
