package io.fleetpulse.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.scenario.ScenarioOutput;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedPauseTest {

  private final List<String> seen = new ArrayList<>();
  private final ScenarioOutput recorder =
      new ScenarioOutput() {
        @Override
        public void scrape(String key, Scrape scrape) {
          seen.add("scrape@" + scrape.getTimestampMs().toEpochMilli());
        }

        @Override
        public void request(String key, RequestEvent event) {
          seen.add("request@" + event.getArrivalTimeMs().toEpochMilli());
        }

        @Override
        public void flush() {
          seen.add("flush");
        }
      };

  @Test
  void deliversEverythingBeforeTheRestartThenDropsTheDowntime() {
    FeedPause output = new FeedPause(recorder, 10_000, 15_000, () -> seen.add("restart"));
    output.scrape("a", scrape(5_000));
    assertFalse(output.paused());
    output.scrape("a", scrape(10_000));
    output.request("a", request(12_000));
    output.scrape("a", scrape(14_999));
    output.scrape("a", scrape(15_000));
    output.request("a", request(16_000));
    assertTrue(output.paused());
    assertEquals(List.of("scrape@5000", "flush", "restart", "scrape@15000", "request@16000"), seen);
    assertEquals(3, output.dropped(), "the downtime's scrapes and events are not taken");
  }

  @Test
  void aRestartMustComeAfterTheStart() {
    assertThrows(
        IllegalArgumentException.class, () -> new PipelineRestart(Duration.ZERO, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PipelineRestart(Duration.ofMinutes(1), Duration.ofSeconds(-1)));
  }

  private static Scrape scrape(long atMs) {
    return Scrape.newBuilder()
        .setCluster("c")
        .setInstance("n")
        .setJob("j")
        .setTimestampMs(Instant.ofEpochMilli(atMs))
        .setDurationSeconds(0.0)
        .setUp(true)
        .build();
  }

  private static RequestEvent request(long finishMs) {
    return RequestEvent.newBuilder()
        .setRequestId("r")
        .setCluster("c")
        .setNode("n")
        .setModel("m")
        .setArrivalTimeMs(Instant.ofEpochMilli(finishMs))
        .setE2eLatencySeconds(0.0)
        .setPromptTokens(1)
        .setGenerationTokens(1)
        .setFinishReason("stop")
        .build();
  }
}
