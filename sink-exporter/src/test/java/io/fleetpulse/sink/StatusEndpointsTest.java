package io.fleetpulse.sink;

import static io.fleetpulse.sink.TestSignals.signal;
import static io.fleetpulse.sink.TestWindows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.sink.status.StatusRoutes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class StatusEndpointsTest {

  private static final Topics TOPICS = Topics.withDefaultPrefix();
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final String HOSTILE = "<img src=x onerror=alert(1)>\"";

  private final ScriptedConsumer kafka = new ScriptedConsumer();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private SinkExporter exporter;

  @BeforeEach
  void start() throws Exception {
    kafka.createTopic(TOPICS.fleetStats(), 1, 0);
    kafka.createTopic(TOPICS.signals(), 1, 0);
    exporter =
        new SinkExporter(
            TOPICS,
            new SinkConfig("127.0.0.1:0", null, null, null, null, null),
            MutableClock.of(T, ZoneOffset.UTC),
            () -> kafka);
    exporter.start();
    AvroSerde<FleetWindow> windows = new AvroSerde<>(FleetWindow.class);
    AvroSerde<Signal> signals = new AvroSerde<>(Signal.class);
    List<FleetWindow> fleet = new ArrayList<>();
    for (int i = 3; i >= 1; i--) {
      fleet.add(
          window("fleet", "10s", T.minusSeconds(10L * i))
              .setGenerationTokensPerSecond(1000.0 * i)
              .setKvCacheUsageMax(0.5)
              .setLatency(
                  List.of(new LatencyQuantile("time_to_first_token", "histogram", 0.99, 0.8)))
              .build());
    }
    fleet.add(
        window("cluster", "10s", T).setCluster(HOSTILE).setEngine("vllm").setNodesUp(2).build());
    fleet.add(window("node", "10s", T).setCluster("c").setModel("m").setNode("n").build());
    List<Signal> states =
        List.of(
            signal("queue_time_rising", "cluster", SignalState.FIRING, T)
                .setCluster(HOSTILE)
                .setReason("why")
                .build(),
            signal("slow_node", "fleet", SignalState.INACTIVE, T).build());
    kafka.schedulePollTask(
        () -> {
          for (int i = 0; i < fleet.size(); i++) {
            kafka.addRecord(
                new ConsumerRecord<>(
                    TOPICS.fleetStats(), 0, i, null, windows.encode(fleet.get(i))));
          }
          for (int i = 0; i < states.size(); i++) {
            kafka.addRecord(
                new ConsumerRecord<>(TOPICS.signals(), 0, i, null, signals.encode(states.get(i))));
          }
        });
  }

  @AfterEach
  void stop() {
    exporter.close();
  }

  @Test
  void theStatusJsonHasTheLatestWindowsAboveNodeScopeTheActiveSignalsAndTheHistory()
      throws Exception {
    JsonNode status = awaitStatus();

    assertEquals(1, status.get("version").asInt());
    assertEquals(T.toEpochMilli(), status.get("generated_ms").asLong());
    assertEquals(List.of("cluster", "fleet"), scopes(status.get("windows")));
    JsonNode fleet = inScope(status.get("windows"), "fleet");
    JsonNode cluster = inScope(status.get("windows"), "cluster");
    assertEquals(1000.0, fleet.get("generation_tokens_per_second").asDouble());
    assertTrue(fleet.get("prompt_tokens_per_second").isNull(), "absent, never zero");
    assertEquals(0.8, fleet.at("/latency/time_to_first_token/histogram/0.99").asDouble());
    assertEquals(HOSTILE, cluster.get("cluster").asText());
    assertEquals("vllm", cluster.get("engine").asText());

    assertEquals(1, status.get("signals").size(), "only pending and firing signals");
    JsonNode firing = status.get("signals").get(0);
    assertEquals("queue_time_rising", firing.get("signal").asText());
    assertEquals("firing", firing.get("state").asText());
    assertEquals("why", firing.get("reason").asText());
    assertEquals(T.minusSeconds(60).toEpochMilli(), firing.get("started_ms").asLong());

    assertEquals(List.of("cluster", "fleet"), scopes(status.get("history")));
    JsonNode fleetHistory = inScope(status.get("history"), "fleet");
    assertEquals(
        List.of(3000.0, 2000.0, 1000.0),
        values(fleetHistory.get("points"), "generation_tokens_per_second"));
    assertEquals(
        0.8, fleetHistory.get("points").get(0).get("time_to_first_token_p99_seconds").asDouble());
  }

  @Test
  void thePageIsSelfContainedAndWritesTextOnlyThroughTheDom() throws Exception {
    HttpResponse<String> page = get("/");

    assertEquals(200, page.statusCode());
    assertEquals(
        "text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(
        page.headers()
            .firstValue("Content-Security-Policy")
            .orElseThrow()
            .startsWith("default-src 'none'"));
    String html = page.body();
    assertTrue(html.contains("api/v1/status"), "the page reads its data from the sink");
    assertFalse(
        html.contains("innerHTML") || html.contains("outerHTML") || html.contains("document.write"),
        "user-controlled names must only ever be text");
    assertFalse(
        html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing may come from elsewhere");
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertEquals(404, get("/nothing-here").statusCode());
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/status"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals(200, get("/metrics").statusCode());
  }

  private JsonNode awaitStatus() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = get(StatusRoutes.STATUS_PATH);
      assertEquals(200, response.statusCode());
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
      JsonNode status = json.readTree(response.body());
      if (status.get("signals").size() > 0 && status.get("windows").size() == 2) {
        return status;
      }
      Thread.sleep(20);
    }
    return fail("the status never showed the records: " + get(StatusRoutes.STATUS_PATH).body());
  }

  private static List<String> scopes(JsonNode windows) {
    List<String> scopes = new ArrayList<>();
    windows.forEach(window -> scopes.add(window.get("scope").asText()));
    scopes.sort(null);
    return scopes;
  }

  private static JsonNode inScope(JsonNode list, String scope) {
    for (JsonNode entry : list) {
      if (entry.get("scope").asText().equals(scope)) {
        return entry;
      }
    }
    return fail("no " + scope + " in " + list);
  }

  private static List<Double> values(JsonNode points, String field) {
    List<Double> values = new ArrayList<>();
    points.forEach(point -> values.add(point.get(field).asDouble()));
    return values;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + exporter.port() + path);
  }
}
