package io.fleetpulse.collector.http;

import static io.fleetpulse.collector.ingest.VllmSpans.attribute;
import static io.fleetpulse.collector.ingest.VllmSpans.export;
import static io.fleetpulse.collector.ingest.VllmSpans.llmRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import io.fleetpulse.collector.ingest.IngestConfig;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.schemas.RequestEvent;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The collector's endpoint over real HTTP: ingest routes, their refusals, and /metrics. */
class CollectorHttpServerTest {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final String GOOD =
      "{\"request_id\":\"r1\",\"cluster\":\"us-east\",\"node\":\"gpu-1\","
          + "\"model\":\"llama\",\"arrival_time\":1748779200.5,\"queue_time_seconds\":0.01,"
          + "\"time_to_first_token_seconds\":0.2,\"e2e_latency_seconds\":1.5,\"prompt_tokens\":100,"
          + "\"generation_tokens\":50,\"finish_reason\":\"stop\"}";

  private final HttpClient client = HttpClient.newHttpClient();
  private final CollectorMetrics metrics = new CollectorMetrics();
  private final List<RequestEvent> published = new CopyOnWriteArrayList<>();
  private CollectorHttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(IngestConfig config) throws IOException {
    server =
        CollectorHttpServer.start(
            config.withListen("127.0.0.1:0"),
            metrics,
            published::add,
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  private HttpResponse<byte[]> post(String path, HttpRequest.BodyPublisher body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(body);
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> postLines(String body, String... headers)
      throws IOException, InterruptedException {
    return post("/v1/requests", HttpRequest.BodyPublishers.ofString(body), headers);
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    return new ObjectMapper().readTree(response.body());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void goodLinesArePublishedWhileBadOnesAreRejectedWithTheirReasons() throws Exception {
    start(IngestConfig.defaults());
    String rfc3339 =
        GOOD.replace("\"r1\"", "\"r2\"").replace("1748779200.5", "\"2025-06-01T12:00:01Z\"");
    String tooLate =
        GOOD.replace("\"time_to_first_token_seconds\":0.2", "\"time_to_first_token_seconds\":2");

    HttpResponse<byte[]> response =
        postLines(GOOD + "\n" + tooLate + "\n" + rfc3339 + "\nnot json\n");

    assertEquals(400, response.statusCode());
    JsonNode answer = json(response);
    assertEquals(2, answer.get("accepted").asInt());
    assertEquals(2, answer.get("rejected_total").asInt());
    assertEquals(2, answer.get("rejected").get(0).get("line").asInt());
    assertEquals(
        "time_to_first_token_seconds 2.0 exceeds e2e_latency_seconds 1.5",
        answer.get("rejected").get(0).get("reason").asText());
    assertEquals(4, answer.get("rejected").get(1).get("line").asInt());
    assertEquals(List.of("r1", "r2"), published.stream().map(RequestEvent::getRequestId).toList());
    assertEquals(Instant.parse("2025-06-01T12:00:00.500Z"), published.get(0).getArrivalTimeMs());
    assertEquals(Instant.parse("2025-06-01T12:00:01Z"), published.get(1).getArrivalTimeMs());
    assertEquals(2, metrics.requestEvents.labelValues("jsonl", "accepted").get());
    assertEquals(2, metrics.requestEvents.labelValues("jsonl", "rejected").get());
  }

  @Test
  void aBatchWithoutMistakesIsAnsweredWith200() throws Exception {
    start(IngestConfig.defaults());

    HttpResponse<byte[]> response = postLines(GOOD + "\n" + GOOD.replace("\"r1\"", "\"r2\""));

    assertEquals(200, response.statusCode());
    assertEquals("{\"accepted\":2,\"rejected\":[],\"rejected_total\":0}\n", text(response));
    assertEquals(2, published.size());
  }

  @Test
  void anEmptyBodyIsABadRequest() throws Exception {
    start(IngestConfig.defaults());

    HttpResponse<byte[]> response = postLines("\n\n");

    assertEquals(400, response.statusCode());
    assertEquals("empty body: send one JSON object per line", json(response).get("error").asText());
  }

  @Test
  void withABearerTokenBothRoutesRequireItButMetricsStayOpen() throws Exception {
    start(new IngestConfig(null, "s3cret", null));
    byte[] traces =
        export(List.of(attribute("host.name", "n")), llmRequest("a").build()).toByteArray();

    assertEquals(401, postLines(GOOD).statusCode());
    assertEquals(401, postLines(GOOD, "Authorization", "Bearer wrong").statusCode());
    assertEquals(
        401,
        post(
                "/v1/traces",
                HttpRequest.BodyPublishers.ofByteArray(traces),
                "Content-Type",
                "application/x-protobuf")
            .statusCode());
    assertEquals(List.of(), published);

    assertEquals(200, postLines(GOOD, "Authorization", "Bearer s3cret").statusCode());
    assertEquals(
        200,
        post(
                "/v1/traces",
                HttpRequest.BodyPublishers.ofByteArray(traces),
                "Content-Type",
                "application/x-protobuf",
                "Authorization",
                "Bearer s3cret")
            .statusCode());
    assertEquals(2, published.size());
    assertEquals(
        200,
        client
            .send(
                HttpRequest.newBuilder(uri("/metrics")).build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode());
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413EvenWhenItArrivesCompressed() throws Exception {
    start(new IngestConfig(null, null, "1KB"));
    String big = (GOOD + "\n").repeat(20);
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(big.getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(gzipped.size() < 1024, "the compressed body alone is within the limit");

    HttpResponse<byte[]> plain = postLines(big);
    HttpResponse<byte[]> compressed =
        post(
            "/v1/requests",
            HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray()),
            "Content-Encoding",
            "gzip");

    assertEquals(413, plain.statusCode());
    assertEquals(413, compressed.statusCode());
    assertTrue(json(plain).get("error").asText().contains("over the limit of 1024 bytes"));
    assertEquals(List.of(), published);
  }

  @Test
  void aSmallGzipBodyIsReadLikeAPlainOne() throws Exception {
    start(IngestConfig.defaults());
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(GOOD.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> response =
        post(
            "/v1/requests",
            HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray()),
            "Content-Encoding",
            "gzip");

    assertEquals(200, response.statusCode());
    assertEquals(1, published.size());
  }

  @Test
  void wrongMethodsAndUnknownPathsAreRefused() throws Exception {
    start(IngestConfig.defaults());

    HttpResponse<byte[]> get =
        client.send(
            HttpRequest.newBuilder(uri("/v1/requests")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> unknown = postLines("");
    HttpResponse<byte[]> elsewhere =
        client.send(
            HttpRequest.newBuilder(uri("/v1/requestsx"))
                .POST(HttpRequest.BodyPublishers.ofString(GOOD))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> root =
        client.send(
            HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(405, get.statusCode());
    assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
    assertEquals(400, unknown.statusCode());
    assertEquals(404, elsewhere.statusCode());
    assertEquals(404, root.statusCode());
  }

  @Test
  void anOtlpExportLikeVllmsBecomesRequestEvents() throws Exception {
    start(IngestConfig.defaults());
    byte[] body = export(List.of(), llmRequest("cmpl-7").build()).toByteArray();

    HttpResponse<byte[]> response =
        post(
            "/v1/traces?cluster=eu-west&node=gpu-3",
            HttpRequest.BodyPublishers.ofByteArray(body),
            "Content-Type",
            "application/x-protobuf");

    assertEquals(200, response.statusCode());
    assertEquals(
        "application/x-protobuf", response.headers().firstValue("Content-Type").orElseThrow());
    assertFalse(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess());
    assertEquals(
        List.of(
            new RequestEvent(
                "cmpl-7",
                "eu-west",
                "gpu-3",
                "meta-llama/Llama-3.1-8B-Instruct",
                Instant.parse("2025-06-01T12:00:00.250Z"),
                0.05,
                0.3,
                2.5,
                512,
                128,
                "length")),
        published);
    assertEquals(1, metrics.requestEvents.labelValues("otlp", "accepted").get());
  }

  @Test
  void anOtlpJsonExportIsReadLikeProtobufAndAnsweredInJson() throws Exception {
    start(IngestConfig.defaults());
    String span =
        """
        {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174", "name": "llm_request",
         "startTimeUnixNano": "1748779200250000000", "endTimeUnixNano": 1748779202750000000,
         "status": {"code": 1},
         "attributes": [
           {"key": "gen_ai.request.id", "value": {"stringValue": "%s"}},
           {"key": "gen_ai.response.model", "value": {"stringValue": "llama"}},
           {"key": "gen_ai.usage.prompt_tokens", "value": {"intValue": "512"}},
           {"key": "gen_ai.usage.completion_tokens", "value": {"intValue": 128}},
           {"key": "gen_ai.latency.time_in_queue", "value": {"doubleValue": 0.05}},
           {"key": "gen_ai.latency.time_to_first_token", "value": {"doubleValue": 0.3}},
           {"key": "gen_ai.latency.e2e", "value": {"doubleValue": %s}},
           {"key": "gen_ai.response.finish_reasons", "value": {"arrayValue": {"values": [{"stringValue": "stop"}]}}}
         ]}""";
    String body =
        """
        {"resourceSpans": [{"resource": {"attributes": [
            {"key": "service.instance.id", "value": {"stringValue": "gpu-9"}}]},
          "scopeSpans": [{"scope": {"name": "vllm"}, "spans": [%s, %s]}]}]}"""
            .formatted(span.formatted("json-1", "2.5"), span.formatted("json-2", "1e300"));

    HttpResponse<byte[]> response =
        post(
            "/v1/traces?cluster=eu-west",
            HttpRequest.BodyPublishers.ofString(body),
            "Content-Type",
            "application/json");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode answer = json(response);
    assertEquals("1", answer.get("partialSuccess").get("rejectedSpans").asText());
    assertTrue(
        answer
            .get("partialSuccess")
            .get("errorMessage")
            .asText()
            .contains("e2e_latency_seconds 1.0E300 is over the longest latency taken"),
        text(response));
    assertEquals(
        List.of(
            new RequestEvent(
                "json-1",
                "eu-west",
                "gpu-9",
                "llama",
                Instant.parse("2025-06-01T12:00:00.250Z"),
                0.05,
                0.3,
                2.5,
                512,
                128,
                "stop")),
        published);
  }

  @Test
  void unusableSpansAreReportedAsAPartialSuccess() throws Exception {
    start(IngestConfig.defaults());
    Span negative =
        llmRequest("bad").addAttributes(attribute("gen_ai.latency.time_in_queue", -0.5)).build();
    byte[] body =
        export(
                List.of(attribute("service.instance.id", "gpu-1")),
                llmRequest("ok").build(),
                negative)
            .toByteArray();

    HttpResponse<byte[]> response =
        post(
            "/v1/traces",
            HttpRequest.BodyPublishers.ofByteArray(body),
            "Content-Type",
            "application/x-protobuf");

    assertEquals(200, response.statusCode());
    ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
    assertEquals(1, answer.getPartialSuccess().getRejectedSpans());
    assertEquals(
        "1 llm_request spans rejected: span 2: queue_time_seconds must be a non-negative number of "
            + "seconds, got -0.5",
        answer.getPartialSuccess().getErrorMessage());
    assertEquals(List.of("ok"), published.stream().map(RequestEvent::getRequestId).toList());
    assertEquals(1, metrics.requestEvents.labelValues("otlp", "rejected").get());
  }

  @Test
  void otlpRequestsThatCannotBeReadAreRefusedWithAnRpcStatus() throws Exception {
    start(IngestConfig.defaults());

    HttpResponse<byte[]> text =
        post("/v1/traces", HttpRequest.BodyPublishers.ofString("{}"), "Content-Type", "text/plain");
    HttpResponse<byte[]> badJson =
        post(
            "/v1/traces",
            HttpRequest.BodyPublishers.ofString("{\"resourceSpans\": 5}"),
            "Content-Type",
            "application/json");
    HttpResponse<byte[]> garbage =
        post(
            "/v1/traces",
            HttpRequest.BodyPublishers.ofByteArray(new byte[] {10, 99, 1}),
            "Content-Type",
            "application/x-protobuf");

    assertEquals(415, text.statusCode());
    assertEquals(400, badJson.statusCode());
    assertEquals("{\"code\":3,\"message\":\"resourceSpans must be a JSON array\"}", text(badJson));
    assertEquals(400, garbage.statusCode());
    CodedInputStream status = CodedInputStream.newInstance(garbage.body());
    assertEquals(1 << 3, status.readTag());
    assertEquals(3, status.readInt32(), "INVALID_ARGUMENT");
    assertEquals(2 << 3 | 2, status.readTag());
    assertTrue(status.readString().startsWith("the body is not an OTLP ExportTraceServiceRequest"));
  }

  @Test
  void stalledConnectionsDoNotKeepOthersFromBeingServed() throws Exception {
    start(new IngestConfig(null, "s3cret", null));
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 3 * CollectorHttpServer.WORKERS; i++) {
        Socket socket = new Socket("127.0.0.1", server.port());
        String head =
            i % 3 == 0
                ? "POST /v1/requests HTTP/1.1\r\nHost: x\r\n"
                : i % 3 == 1
                    ? "POST /v1/requests HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{"
                    : "POST /v1/requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n"
                        + "Content-Length: 100000\r\n\r\n{\"request_id\":";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        stalled.add(socket);
      }
      HttpResponse<byte[]> metricsPage =
          client.send(
              HttpRequest.newBuilder(uri("/metrics")).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> ingest = postLines(GOOD, "Authorization", "Bearer s3cret");

      assertEquals(200, metricsPage.statusCode());
      assertEquals(200, ingest.statusCode());
      assertEquals(1, published.size());
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  @Test
  void aWrongTokenIsRefusedWith401WithoutWaitingForTheBody() throws Exception {
    start(new IngestConfig(null, "s3cret", null));
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("POST /v1/requests HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

      assertEquals("HTTP/1.1 401", status);
    }
  }

  @Test
  void metricsAreServedInTheTextFormat() throws Exception {
    start(IngestConfig.defaults());
    metrics.bufferCapacity.set(100_000);
    postLines(GOOD);

    HttpResponse<String> page =
        client.send(
            HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, page.statusCode());
    assertTrue(
        page.headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .startsWith("text/plain; version=0.0.4"));
    assertTrue(
        page.body()
            .contains(
                "fleetpulse_collector_request_events_total{result=\"accepted\",source=\"jsonl\"} 1.0"),
        page.body());
    assertTrue(
        page.body().contains("fleetpulse_collector_buffer_capacity_records 100000.0"), page.body());
  }
}
