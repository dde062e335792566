package io.fleetpulse.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.RequestEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLinesDecoderTest {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private final JsonLinesDecoder decoder =
      new JsonLinesDecoder(
          new RequestEventValidator(Clock.fixed(NOW, ZoneOffset.UTC), IngestConfig.defaults()));

  /** A valid line with one field replaced (or removed, when {@code value} is null). */
  static String line(String field, String value) {
    String json =
        "{\"request_id\":\"r1\",\"cluster\":\"us-east\",\"node\":\"gpu-1\",\"model\":\"llama\","
            + "\"arrival_time\":1748779200.25,\"queue_time_seconds\":0.05,\"time_to_first_token_seconds\":0.3,"
            + "\"e2e_latency_seconds\":2.5,\"prompt_tokens\":512,\"generation_tokens\":128,\"finish_reason\":\"stop\"}";
    if (field == null) {
      return json;
    }
    String replacement = value == null ? "" : "\"" + field + "\":" + value;
    String replaced = json.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", replacement);
    return replaced.replace(",,", ",").replace("{,", "{").replace(",}", "}");
  }

  private DecodedBatch decode(String body) {
    return decoder.decode(body.getBytes(StandardCharsets.UTF_8));
  }

  private String onlyRejection(String body) {
    DecodedBatch batch = decode(body);
    assertEquals(List.of(), batch.events());
    assertEquals(1, batch.rejections().size());
    return batch.rejections().get(0).reason();
  }

  @Test
  void readsEveryFieldOfAValidLine() {
    RequestEvent event = decode(line(null, null)).events().get(0);

    assertEquals("r1", event.getRequestId());
    assertEquals("us-east", event.getCluster());
    assertEquals("gpu-1", event.getNode());
    assertEquals("llama", event.getModel());
    assertEquals(Instant.parse("2025-06-01T12:00:00.250Z"), event.getArrivalTimeMs());
    assertEquals(0.05, event.getQueueTimeSeconds());
    assertEquals(0.3, event.getTimeToFirstTokenSeconds());
    assertEquals(2.5, event.getE2eLatencySeconds());
    assertEquals(512, event.getPromptTokens());
    assertEquals(128, event.getGenerationTokens());
    assertEquals("stop", event.getFinishReason());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"2025-06-01T12:00:00.250Z\"      | 2025-06-01T12:00:00.250Z",
        "\"2025-06-01T14:00:00.250+02:00\" | 2025-06-01T12:00:00.250Z",
        "\"2025-06-01t12:00:00.25z\"       | 2025-06-01T12:00:00.250Z",
        "\"2025-06-01 12:00:00Z\"          | 2025-06-01T12:00:00Z",
        "1748779200                        | 2025-06-01T12:00:00Z",
        "1748779200.123                    | 2025-06-01T12:00:00.123Z"
      })
  void arrivalTimeIsEpochSecondsOrRfc3339(String written, String expected) {
    RequestEvent event = decode(line("arrival_time", written)).events().get(0);

    assertEquals(Instant.parse(expected), event.getArrivalTimeMs());
  }

  @Test
  void queueTimeAndTimeToFirstTokenMayBeNullOrAbsent() {
    RequestEvent aborted = decode(line("time_to_first_token_seconds", "null")).events().get(0);
    RequestEvent noQueue = decode(line("queue_time_seconds", null)).events().get(0);

    assertNull(aborted.getTimeToFirstTokenSeconds());
    assertNull(noQueue.getQueueTimeSeconds());
  }

  @Test
  void unknownFieldsAreIgnored() {
    String withExtra = line(null, null).replace("{", "{\"tenant\":{\"id\":[1,2]},\"priority\":3,");

    assertEquals(1, decode(withExtra).events().size());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "time_to_first_token_seconds | 3.0         | time_to_first_token_seconds 3.0 exceeds e2e_latency_seconds 2.5",
        "queue_time_seconds          | 2.6         | queue_time_seconds 2.6 exceeds e2e_latency_seconds 2.5",
        "e2e_latency_seconds         | -1          | e2e_latency_seconds must be a non-negative number of seconds, got -1.0",
        "e2e_latency_seconds         | \"2\"       | e2e_latency_seconds must be a number",
        "prompt_tokens               | 12.5        | prompt_tokens must be a whole number",
        "generation_tokens           | -3          | generation_tokens must be a whole number from 0 to 2147483647, got -3",
        "prompt_tokens               | 99999999999 | prompt_tokens must be a whole number from 0 to 2147483647, got 99999999999",
        "finish_reason               | \"timeout\" | finish_reason \"timeout\" is not one of stop, length, abort, error",
        "cluster                     | \"\"        | cluster is empty",
        "node                        | 7           | node must be a string",
        "model                       |             | model is missing",
        "e2e_latency_seconds         |             | e2e_latency_seconds is missing"
      })
  void aBadFieldRejectsTheLineWithAReasonNamingIt(String field, String value, String reason) {
    assertEquals(reason, onlyRejection(line(field, value)));
  }

  @Test
  void arrivalTimesOutsideTheWindowOrUnreadableAreRejected() {
    String ahead =
        " is more than 5m ahead of the collector's clock (collector.ingest.max_arrival_ahead; epoch "
            + "seconds are expected, not milliseconds)";
    String old = " is more than 1h old, too late for any window (collector.ingest.max_arrival_age)";
    String unreadable =
        " is neither epoch seconds nor an RFC 3339 timestamp such as 2025-01-31T12:00:00.250Z";

    assertEquals(
        "arrival_time +57386-08-10T00:04:09Z" + ahead,
        onlyRejection(line("arrival_time", "1748779200250")));
    assertEquals(
        "arrival_time 2025-06-01T12:05:01Z" + ahead,
        onlyRejection(line("arrival_time", "1748779501")));
    assertEquals(
        "arrival_time 2025-06-02T11:00:00Z" + ahead,
        onlyRejection(line("arrival_time", "1748862000")),
        "23 h ahead: the broker would refuse it on a repartition topic");
    assertEquals(
        "arrival_time plus e2e_latency_seconds, the finish 2025-06-01T12:06:40Z, is more than 5m ahead"
            + " of the collector's clock (collector.ingest.max_arrival_ahead)",
        onlyRejection(line("e2e_latency_seconds", "400")),
        "the finish is the event's Kafka timestamp, bounded like its arrival");
    assertEquals(
        "arrival_time 2025-06-01T10:59:59Z" + old,
        onlyRejection(line("arrival_time", "1748775599")));
    assertEquals(
        "arrival_time 2001-01-01T00:00:00Z" + old,
        onlyRejection(line("arrival_time", "978307200")));
    assertEquals(
        "arrival_time \"yesterday\"" + unreadable,
        onlyRejection(line("arrival_time", "\"yesterday\"")));
    assertEquals(
        "arrival_time \"2025-06-01T12:00:00\"" + unreadable,
        onlyRejection(line("arrival_time", "\"2025-06-01T12:00:00\"")),
        "RFC 3339 requires the offset");
    assertEquals(
        1,
        decode(
                line("arrival_time", "1748775601")
                    .replace("\"e2e_latency_seconds\":2.5", "\"e2e_latency_seconds\":3598"))
            .events()
            .size(),
        "a request that arrived 59 min ago and just finished is still placed");
  }

  @Test
  void aRequestThatFinishedLongerAgoThanItsWindowWaitsIsRejected() {
    String finishedTenSecondsAgo =
        line("arrival_time", "1748779187.5")
            .replace("\"queue_time_seconds\":0.05,\"time_to_first_token_seconds\":0.3,", "");
    assertEquals(
        "the request finished at 2025-06-01T11:59:50Z, more than 3s ago: its window may be closed"
            + " (collector.ingest.max_finish_age; report requests as they finish)",
        onlyRejection(finishedTenSecondsAgo));
    assertEquals(
        1,
        decode(line("arrival_time", "1748779198")).events().size(),
        "finished 0.5 s ago, within the 3 s the window waits");
  }

  @Test
  void latenciesOverTheMaximumAreRejected() {
    String e2eLine = line("e2e_latency_seconds", "1e300");

    assertEquals(
        "e2e_latency_seconds 1.0E300 is over the longest latency taken, 3600.0 s "
            + "(collector.ingest.max_latency)",
        onlyRejection(e2eLine));
    // An hour-long request reported as it finishes arrived an hour ago.
    String hourLong =
        line("e2e_latency_seconds", "3600")
            .replace("\"arrival_time\":1748779200.25", "\"arrival_time\":1748775600.25");
    assertEquals(1, decode(hourLong).events().size());
  }

  @Test
  void textsOverTheirSizeAreRejected() {
    String longId = "\"" + "r".repeat(RequestEventValidator.MAX_TEXT_BYTES + 1) + "\"";
    String longModel = "\"" + "é".repeat(RequestEventValidator.MAX_TEXT_BYTES / 2 + 1) + "\"";

    assertEquals("request_id is longer than 256 bytes", onlyRejection(line("request_id", longId)));
    assertEquals("model is longer than 256 bytes", onlyRejection(line("model", longModel)));
    assertEquals(1, decode(line("request_id", "\"" + "r".repeat(256) + "\"")).events().size());
  }

  @Test
  void theLargestEventTakenIsFarBelowTheSmallestRecordSizeLimit() {
    String longest = "\"" + "\u00e9".repeat(RequestEventValidator.MAX_TEXT_BYTES / 2) + "\"";
    String body = line(null, null);
    for (String field : List.of("request_id", "cluster", "node", "model")) {
      body = body.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":" + longest);
    }
    RequestEvent largest = decode(body).events().get(0);

    int encoded = new AvroSerde<>(RequestEvent.class).encode(largest).length;
    assertTrue(
        encoded < 2048,
        "an event encodes to at most 2KB, collector.delivery.max_record_size is at "
            + "least 64KB; got "
            + encoded);
  }

  @Test
  void malformedLinesAreRejectedWithTheirLineNumbers() {
    String body =
        line(null, null)
            + "\n"
            + "\n"
            + "{\"request_id\": \"r2\"\n"
            + "[1, 2]\r\n"
            + line(null, null)
            + " {}\n"
            + line(null, null)
                .replace("\"node\":\"gpu-1\"", "\"node\":\"gpu-1\",\"node\":\"gpu-2\"")
            + "\n"
            + line(null, null)
            + "\r\n";

    DecodedBatch batch = decode(body);

    assertEquals(2, batch.events().size());
    assertEquals(
        List.of(3, 4, 5, 6),
        batch.rejections().stream().map(DecodedBatch.Rejection::position).toList());
    assertEquals("a line must hold one JSON object", batch.rejections().get(1).reason());
    assertEquals("unexpected text after the JSON object", batch.rejections().get(2).reason());
    assertEquals("node appears twice", batch.rejections().get(3).reason());
    assertEquals(true, batch.rejections().get(0).reason().startsWith("not valid JSON: "));
  }

  @Test
  void aBodyOfBlankLinesYieldsNothing() {
    DecodedBatch batch = decode("\n  \r\n\t\n");

    assertEquals(List.of(), batch.events());
    assertEquals(List.of(), batch.rejections());
  }
}
