package io.fleetpulse.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

  private final Evaluation evaluation =
      new Evaluation(
          "overload-ramp",
          0,
          1_800_000L,
          List.of(new LeadTimeScore("queue_time_rising", 1_200_000L, 600.0, 0)),
          List.of(
              new LeadTimeScore(UpstreamBaselines.WAITING_HIGH, 1_900_000L, -100.0, 1),
              new LeadTimeScore(UpstreamBaselines.KV_HIGH, null, null, 0)));

  @Test
  void jsonIsTheOneObjectTheCommandPromises() throws Exception {
    JsonNode json = new ObjectMapper().readTree(evaluation.toJson());
    assertEquals("overload-ramp", json.get("scenario").asText());
    assertEquals("1970-01-01T00:30:00Z", json.get("breach_at").asText());
    JsonNode detector = json.get("detectors").get(0);
    assertEquals("queue_time_rising", detector.get("name").asText());
    assertEquals("1970-01-01T00:20:00Z", detector.get("first_fired_at").asText());
    assertEquals(600.0, detector.get("lead_seconds").asDouble());
    assertEquals(0, detector.get("false_positives").asInt());
    assertTrue(json.get("baselines").get(1).get("first_fired_at").isNull());
    assertTrue(json.get("baselines").get(1).get("lead_seconds").isNull());
  }

  @Test
  void markdownHasOneRowPerDetectorAndBaseline() {
    String md = evaluation.toMarkdown("overload-ramp.png");
    assertTrue(md.contains("SLO breach at 30.0 min"), md);
    assertTrue(md.contains("| FleetPulse queue_time_rising | 20.0 min | +600 s | 0 |"), md);
    assertTrue(
        md.contains("| baseline " + UpstreamBaselines.WAITING_HIGH + " | 31.7 min | -100 s | 1 |"),
        md);
    assertTrue(md.contains("![overload-ramp](overload-ramp.png)"), md);
  }
}
