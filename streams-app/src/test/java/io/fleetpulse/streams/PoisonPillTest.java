package io.fleetpulse.streams;

import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.Scrapes.vllm;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.streams.decode.RecordDecoder;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that once stopped the app (again after every restart): each is dead-lettered with its
 * reason where it enters, and the app goes on counting everything else.
 */
class PoisonPillTest {

  private static final AvroSerde<RequestEvent> EVENTS = new AvroSerde<>(RequestEvent.class);
  private static final AvroSerde<Scrape> SCRAPES = new AvroSerde<>(Scrape.class);
  private static final long DAY_MS = Duration.ofHours(23).toMillis();

  @TempDir Path stateDir;

  @Test
  void everyPillIsDeadLetteredWithItsReasonAndTheAppKeepsCounting() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(vllm("c1", "a:8000", ms(1)).generation(0, 0).build());
      harness.pipeRawRequest(
          "c1/a:8000", EVENTS.encode(Events.event("c1", "a:8000", ms(2), null, null, 1e300, 2)));
      harness.pipeRawRequest(
          "c1/a:8000", EVENTS.encode(Events.event("c1", "a:8000", DAY_MS, null, null, 1.0, 2)));
      harness.pipeRaw(
          "c1/a:8000", SCRAPES.encode(vllm("c1", "a:8000", DAY_MS).generation(0, 5).build()));
      harness.pipeRaw(
          "c1/" + "x".repeat(1000), SCRAPES.encode(vllm("c1", "x".repeat(1000), ms(3)).build()));
      Scrape beforeEpoch = vllm("c1", "a:8000", 0).build();
      beforeEpoch.setTimestampMs(Instant.ofEpochMilli(-5));
      harness.pipeRaw("c1/a:8000", SCRAPES.encode(beforeEpoch));
      harness.pipe(vllm("c1", "a:8000", ms(6)).generation(0, 50).build());
      harness.pipeEvents(List.of(Events.event("c1", "a:8000", ms(3), null, null, 1.0, 2)));
      harness.closeAllWindows();

      List<String> reasons =
          harness.deadLetters().stream()
              .map(
                  letter ->
                      new String(
                          letter.headers().lastHeader(RecordDecoder.HEADER_MESSAGE).value(),
                          StandardCharsets.UTF_8))
              .toList();
      assertEquals(5, reasons.size(), reasons.toString());
      assertTrue(
          reasons.get(0).contains("e2e_latency_seconds 1.0E300 is over the maximum"),
          reasons.get(0));
      assertTrue(reasons.get(1).contains("ahead of the clock"), reasons.get(1));
      assertTrue(reasons.get(2).contains("ahead of the clock"), reasons.get(2));
      assertTrue(reasons.get(3).contains("instance is 1000 characters long"), reasons.get(3));
      assertTrue(reasons.get(4).contains("is outside 0.."), reasons.get(4));
      assertEquals(3, harness.metrics().decodeFailures(StreamsAppMetrics.SCRAPES));
      assertEquals(2, harness.metrics().decodeFailures(StreamsAppMetrics.REQUESTS));

      assertEquals(50.0, harness.window("fleet/10s", 0).getGenerationTokens(), 1e-9);
      assertTrue(
          harness.window("fleet/10s", 0).getLatency().stream()
              .anyMatch(q -> q.getSource().equals("events")),
          "the good request still counts");
    }
  }
}
