package io.fleetpulse.collector.ingest;

import static io.fleetpulse.collector.ingest.VllmSpans.attribute;
import static io.fleetpulse.collector.ingest.VllmSpans.export;
import static io.fleetpulse.collector.ingest.VllmSpans.llmRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.contract.EventTime;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated inputs through every ingest format: JSON lines, OTLP protobuf, OTLP JSON. None may throw
 * anything but a refusal, and every event accepted must hold to the bounds that keep it from
 * failing later: its values within their limits and its record far below the record size limit.
 * Accepted and rejected together account for every item, so nothing is lost between them. 100,000
 * inputs per format here; {@code -Pfuzz} runs 1,000,000.
 */
class IngestFuzzTest {

  private static final int INPUTS = Integer.getInteger("fleetpulse.fuzz.inputs", 100_000);
  private static final long SEED = 0x1e300L;
  private static final Instant NOW = JsonLinesDecoderTest.NOW;
  private static final IngestConfig CONFIG = IngestConfig.defaults();
  private static final RequestEventValidator VALIDATOR =
      new RequestEventValidator(Clock.fixed(NOW, ZoneOffset.UTC), CONFIG);
  private static final AvroSerde<RequestEvent> SERDE = new AvroSerde<>(RequestEvent.class);
  private static final int RECORD_BOUND = 2048;

  private static final String LINE = JsonLinesDecoderTest.line(null, null);
  private static final byte[] JSON_LINES =
      (LINE
              + "\n"
              + LINE.replace("\"r1\"", "\"r2\"")
              + "\n"
              + JsonLinesDecoderTest.line("queue_time_seconds", "null")
              + "\n")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTLP_PROTOBUF =
      export(
              List.of(attribute("service.instance.id", "gpu-1")),
              llmRequest("a").build(),
              llmRequest("b").build())
          .toByteArray();
  private static final byte[] OTLP_JSON =
      ("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":"
              + "\"service.instance.id\",\"value\":{\"stringValue\":\"gpu-1\"}}]},\"scopeSpans\":[{\"spans\":[{\"name\":"
              + "\"llm_request\",\"spanId\":\"eee19b7ec3c1b174\",\"startTimeUnixNano\":\"1748779200250000000\","
              + "\"attributes\":[{\"key\":\"gen_ai.response.model\",\"value\":{\"stringValue\":\"m\"}},{\"key\":"
              + "\"gen_ai.latency.e2e\",\"value\":{\"doubleValue\":2.5}},{\"key\":\"gen_ai.usage.prompt_tokens\","
              + "\"value\":{\"intValue\":\"5\"}},{\"key\":\"gen_ai.usage.completion_tokens\",\"value\":{\"intValue\":7}}]}"
              + "]}]}]}")
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void jsonLines() {
    fuzz(new JsonLinesFormat(VALIDATOR), JSON_LINES, "application/json", 3);
  }

  @Test
  void otlpProtobuf() {
    fuzz(new OtlpTracesFormat(VALIDATOR), OTLP_PROTOBUF, OtlpTracesFormat.PROTOBUF, 2);
  }

  @Test
  void otlpJson() {
    fuzz(new OtlpTracesFormat(VALIDATOR), OTLP_JSON, OtlpTracesFormat.JSON, 1);
  }

  private static void fuzz(IngestFormat format, byte[] seed, String contentType, int seedEvents) {
    Random random = new Random(SEED ^ seed.length);
    long accepted = 0;
    for (int i = 0; i < INPUTS; i++) {
      byte[] input = i == 0 ? seed : Mutations.mutate(seed, random);
      DecodedBatch batch;
      try {
        batch = format.decode(input, contentType, Map.of("cluster", "c"));
      } catch (Refusal refused) {
        assertTrue(refused.status() >= 400 && refused.status() < 500, refused::getMessage);
        continue;
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("input " + i + " (" + Mutations.show(input) + ") threw", e);
      }
      if (i == 0) {
        assertEquals(seedEvents, batch.accepted().size(), "the seed itself is accepted whole");
      }
      for (DecodedBatch.Accepted item : batch.accepted()) {
        holdsToTheBounds(item.event(), i, input);
        accepted++;
      }
      format.reply(batch, contentType);
    }
    assertTrue(accepted > INPUTS / 100, "mutations that keep an event valid occur: " + accepted);
  }

  private static void holdsToTheBounds(RequestEvent event, int index, byte[] input) {
    double maxLatency = CONFIG.maxLatency().toNanos() / 1e9;
    Instant arrival = event.getArrivalTimeMs();
    boolean inBounds =
        event.getE2eLatencySeconds() <= maxLatency
            && (event.getQueueTimeSeconds() == null || event.getQueueTimeSeconds() <= maxLatency)
            && (event.getTimeToFirstTokenSeconds() == null
                || event.getTimeToFirstTokenSeconds() <= maxLatency)
            && !arrival.isAfter(NOW.plus(CONFIG.maxArrivalAhead()).plus(Duration.ofMillis(1)))
            && !arrival.isBefore(NOW.minus(CONFIG.maxArrivalAge()).minus(Duration.ofMillis(1)))
            && EventTime.of(event)
                <= NOW.plus(CONFIG.maxArrivalAhead()).plus(Duration.ofMillis(1)).toEpochMilli()
            && EventTime.of(event)
                >= NOW.minus(CONFIG.maxFinishAge()).minus(Duration.ofMillis(1)).toEpochMilli()
            && SERDE.encode(event).length < RECORD_BOUND;
    if (!inBounds) {
      fail(
          "input "
              + index
              + " ("
              + Mutations.show(input)
              + ") was accepted out of bounds: "
              + event);
    }
  }
}
