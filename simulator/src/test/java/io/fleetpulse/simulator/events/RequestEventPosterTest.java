package io.fleetpulse.simulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class RequestEventPosterTest {

  private static RequestEventLine event(int number) {
    return new RequestEventLine(
        "n#" + number,
        "us-east",
        "127.0.0.1:8001",
        "llama",
        1_750_000_000_123_456L,
        0.01,
        0.2,
        1.5,
        100,
        20 + number,
        "stop");
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void postsEventsAsJsonLinesInTheCollectorsFormat() throws Exception {
    try (CollectorStub collector = new CollectorStub(0);
        RequestEventPoster poster =
            RequestEventPoster.start(collector.uri(), Duration.ofMillis(50))) {
      poster.add(event(1));
      poster.add(event(2));
      await(() -> collector.lines().size() == 2, "both events arrived");

      JsonNode first = collector.lines().get(0);
      assertEquals("n#1", first.get("request_id").asText());
      assertEquals("us-east", first.get("cluster").asText());
      assertEquals("127.0.0.1:8001", first.get("node").asText());
      assertEquals("llama", first.get("model").asText());
      assertEquals(1_750_000_000.123456, first.get("arrival_time").asDouble(), 1e-6);
      assertEquals(0.01, first.get("queue_time_seconds").asDouble());
      assertEquals(0.2, first.get("time_to_first_token_seconds").asDouble());
      assertEquals(1.5, first.get("e2e_latency_seconds").asDouble());
      assertEquals(100, first.get("prompt_tokens").asInt());
      assertEquals(21, first.get("generation_tokens").asInt());
      assertEquals("stop", first.get("finish_reason").asText());
      assertEquals("application/x-ndjson", collector.contentTypes().get(0));
      await(() -> poster.accepted() == 2, "the collector's answer is counted");
    }
  }

  @Test
  void eventsWaitWhileTheCollectorIsDownAndGoWhenItIsBack() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    URI target = URI.create("http://127.0.0.1:" + port + "/v1/requests");
    try (RequestEventPoster poster = RequestEventPoster.start(target, Duration.ofMillis(50))) {
      for (int i = 0; i < 5; i++) {
        poster.add(event(i));
      }
      Thread.sleep(200);
      try (CollectorStub collector = new CollectorStub(port)) {
        await(() -> collector.lines().size() == 5, "the waiting events arrived");
        assertEquals("n#0", collector.lines().get(0).get("request_id").asText());
        assertEquals(0, poster.dropped());
      }
    }
  }

  @Test
  void closePostsWhatIsStillWaiting() throws Exception {
    try (CollectorStub collector = new CollectorStub(0)) {
      RequestEventPoster poster = RequestEventPoster.start(collector.uri(), Duration.ofHours(1));
      poster.add(event(1));

      poster.close();

      assertEquals(1, collector.lines().size());
    }
  }
}
