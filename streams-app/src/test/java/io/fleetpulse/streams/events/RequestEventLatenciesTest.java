package io.fleetpulse.streams.events;

import static io.fleetpulse.streams.profile.CanonicalHistogram.E2E_REQUEST_LATENCY;
import static io.fleetpulse.streams.profile.CanonicalHistogram.INTER_TOKEN_LATENCY;
import static io.fleetpulse.streams.profile.CanonicalHistogram.QUEUE_TIME;
import static io.fleetpulse.streams.profile.CanonicalHistogram.TIME_TO_FIRST_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.streams.Events;
import io.fleetpulse.streams.Scrapes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestEventLatenciesTest {

  private static final RequestEventChecks CHECKS = new RequestEventChecks(Duration.ofHours(1));
  private static final long NOW = Scrapes.BASE.toEpochMilli();

  @Test
  void interTokenLatencyIsTheTimePerOutputTokenAfterTheFirst() {
    // (2.5 - 0.5) / (11 - 1)
    assertEquals(
        Map.of(
            TIME_TO_FIRST_TOKEN,
            0.5,
            INTER_TOKEN_LATENCY,
            0.2,
            E2E_REQUEST_LATENCY,
            2.5,
            QUEUE_TIME,
            0.1),
        RequestEventLatencies.of(Events.event("c1", "a:8000", 0, 0.1, 0.5, 2.5, 11)));
  }

  @Test
  void withOneGeneratedTokenOrNoFirstTokenTimeThereIsNoInterTokenLatency() {
    assertEquals(
        Map.of(TIME_TO_FIRST_TOKEN, 0.5, E2E_REQUEST_LATENCY, 2.5),
        RequestEventLatencies.of(Events.event("c1", "a:8000", 0, null, 0.5, 2.5, 1)));
    assertEquals(
        Map.of(E2E_REQUEST_LATENCY, 2.5),
        RequestEventLatencies.of(Events.event("c1", "a:8000", 0, null, null, 2.5, 50)));
  }

  @Test
  void checksNameTheRequestAndWhatIsWrong() {
    assertNull(CHECKS.problem(Events.event("c1", "a:8000", 0, 0.0, 0.0, 0.0, 0), NOW));
    assertEquals(
        "request r1: queue_time_seconds NaN is not a finite, non-negative number",
        CHECKS.problem(
            withId("r1", Events.event("c1", "a:8000", 0, Double.NaN, null, 1.0, 2)), NOW));
    assertEquals(
        "request r2 names no cluster or node",
        CHECKS.problem(withId("r2", Events.event("c1", " ", 0, null, null, 1.0, 2)), NOW));
    assertEquals(
        "request r3: negative token count",
        CHECKS.problem(withId("r3", Events.event("c1", "a:8000", 0, null, null, 1.0, -2)), NOW));
  }

  private static RequestEvent withId(String id, RequestEvent event) {
    event.setRequestId(id);
    return event;
  }
}
