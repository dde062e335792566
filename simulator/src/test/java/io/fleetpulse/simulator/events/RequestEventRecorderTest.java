package io.fleetpulse.simulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.simulator.batching.FinishReason;
import io.fleetpulse.simulator.batching.FinishedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestEventRecorderTest {

  /** The engine started at wall time 1_750_000_000 s; engine time counts microseconds from 0. */
  private static final long WALL_OFFSET_MICROS = 1_750_000_000_000_000L;

  private final List<RequestEventLine> sent = new ArrayList<>();
  private final RequestEventRecorder recorder =
      new RequestEventRecorder(
          "us-east",
          "llama",
          () -> "127.0.0.1:8001",
          engineMicros -> engineMicros + WALL_OFFSET_MICROS);

  @Test
  void recordsNothingUntilToldWhereEventsGo() {
    recorder.requestFinished(finished(FinishReason.STOP, 2.0, 0.5, 0.25));

    recorder.sendTo(sent::add);
    recorder.requestFinished(finished(FinishReason.STOP, 2.0, 0.5, 0.25));

    assertEquals(1, sent.size());
  }

  @Test
  void anEventCarriesTheRequestsRealTimingsOnTheWallClock() {
    recorder.sendTo(sent::add);

    recorder.requestFinished(finished(FinishReason.LENGTH, 2.0, 0.5, 0.25));
    recorder.requestFinished(finished(FinishReason.ABORT, 1.0, 0.0, 0.1));

    assertEquals(
        new RequestEventLine(
            "127.0.0.1:8001#1",
            "us-east",
            "127.0.0.1:8001",
            "llama",
            WALL_OFFSET_MICROS + 10_000_000 - 2_000_000,
            0.5,
            0.75,
            2.0,
            300,
            40,
            "length"),
        sent.get(0));
    assertEquals("127.0.0.1:8001#2", sent.get(1).requestId());
    assertEquals("abort", sent.get(1).finishReason());
  }

  @Test
  void timeToFirstTokenNeverExceedsTheEndToEndTime() {
    recorder.sendTo(sent::add);

    recorder.requestFinished(finished(FinishReason.STOP, 0.3, 0.1, 0.2 + 1e-12));

    assertEquals(0.3, sent.get(0).timeToFirstTokenSeconds());
  }

  /** A request that finished at engine time 10 s. */
  private static FinishedRequest finished(
      FinishReason reason, double e2e, double queue, double prefill) {
    return new FinishedRequest(
        reason, 300, 40, 512, 300, e2e, queue, prefill, e2e - queue - prefill, 10_000_000);
  }
}
