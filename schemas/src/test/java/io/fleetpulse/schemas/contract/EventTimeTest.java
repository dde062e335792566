package io.fleetpulse.schemas.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimeTest {

  private static final Instant AT = Instant.parse("2026-12-02T01:00:00Z");

  @Test
  void aScrapeIsAtTheTimeItWasTaken() {
    Scrape scrape =
        Scrape.newBuilder()
            .setCluster("us-east")
            .setInstance("a:8000")
            .setJob("vllm")
            .setTimestampMs(AT)
            .setDurationSeconds(0.1)
            .setUp(true)
            .setEngine("vllm")
            .setFamilies(List.of())
            .build();
    assertEquals(AT.toEpochMilli(), EventTime.of(scrape));
  }

  @Test
  void aRequestIsAtItsFinishItsArrivalPlusItsEndToEndLatency() {
    RequestEvent event =
        RequestEvent.newBuilder()
            .setRequestId("r1")
            .setCluster("us-east")
            .setNode("a:8000")
            .setModel("m")
            .setArrivalTimeMs(AT)
            .setE2eLatencySeconds(4.25)
            .setPromptTokens(10)
            .setGenerationTokens(2)
            .setFinishReason("stop")
            .build();
    assertEquals(AT.toEpochMilli() + 4_250, EventTime.of(event));
  }
}
