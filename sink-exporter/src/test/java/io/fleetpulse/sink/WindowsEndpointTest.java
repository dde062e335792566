package io.fleetpulse.sink;

import static io.fleetpulse.sink.TestWindows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.sink.history.HistoryConfig;
import io.fleetpulse.sink.status.StatusRoutes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.threeten.extra.MutableClock;

/** {@code GET /api/v1/windows} over real HTTP, fed the rollup tiers by a scripted consumer. */
class WindowsEndpointTest {

  private static final Topics TOPICS = Topics.withDefaultPrefix();
  private static final Instant T = Instant.parse("2026-01-10T00:00:00Z");
  private static final int MAX_WINDOWS = 5;
  private static final int MAX_SERIES = 2;

  private final ScriptedConsumer kafka = new ScriptedConsumer();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private SinkExporter exporter;

  @BeforeEach
  void start() throws Exception {
    kafka.createTopic(TOPICS.fleetStats(), 1, 0);
    kafka.createTopic(TOPICS.signals(), 1, 0);
    for (String tier : Topics.ROLLUP_TIERS) {
      kafka.createTopic(TOPICS.rollup(tier), 1, 0);
    }
    exporter =
        new SinkExporter(
            TOPICS,
            new SinkConfig(
                "127.0.0.1:0",
                null,
                null,
                null,
                null,
                new HistoryConfig(MAX_WINDOWS, MAX_SERIES),
                null),
            MutableClock.of(T, ZoneOffset.UTC),
            () -> kafka);
    exporter.start();
    List<FleetWindow> hours = new ArrayList<>();
    for (int i = 8; i >= 1; i--) {
      hours.add(hour("us-east", i).setGenerationTokens(1000.0 * i).build());
    }
    hours.add(hour("eu-west", 1).build());
    // A third series is one more than sink.history.max_series: not kept.
    hours.add(hour("ap-south", 1).build());
    hours.add(hour("us-east", 1).setScope("node").setModel("m").setNode("n").setNodesUp(1).build());
    List<FleetWindow> days =
        List.of(
            window("fleet", "1d", T)
                .setWindowStartMs(T.minus(Duration.ofDays(1)))
                .setNodesUp(100)
                .build());
    AvroSerde<RollupWindow> rollups = new AvroSerde<>(RollupWindow.class);
    kafka.schedulePollTask(
        () -> {
          addAll(rollups, TOPICS.rollup("1h"), hours);
          addAll(rollups, TOPICS.rollup("1d"), days);
        });
  }

  @AfterEach
  void stop() {
    exporter.close();
  }

  /** The 1 h window that ended {@code hoursAgo} hours before T. */
  private static FleetWindow.Builder hour(String cluster, int hoursAgo) {
    Instant end = T.minus(Duration.ofHours(hoursAgo));
    return window("cluster", "1h", end)
        .setCluster(cluster)
        .setWindowStartMs(end.minus(Duration.ofHours(1)));
  }

  private void addAll(AvroSerde<RollupWindow> rollups, String topic, List<FleetWindow> windows) {
    for (int i = 0; i < windows.size(); i++) {
      RollupWindow rollup =
          RollupWindow.newBuilder()
              .setWindow(windows.get(i))
              .setAggregate(ByteBuffer.wrap(new byte[0]))
              .build();
      kafka.addRecord(new ConsumerRecord<>(topic, 0, i, null, rollups.encode(rollup)));
    }
  }

  @Test
  void answersOneSeriesNewestWindowsOfTheTierOldestFirstAsJson() throws Exception {
    JsonNode answer = await("scope=cluster&cluster=us-east&tier=1h", MAX_WINDOWS);

    assertEquals(1, answer.get("version").asInt());
    assertEquals("1h", answer.get("tier").asText());
    assertEquals("cluster", answer.get("scope").asText());
    assertEquals("us-east", answer.get("cluster").asText());
    assertEquals(MAX_WINDOWS, answer.get("max_windows").asInt());
    // Eight were written; the newest five are kept.
    assertEquals(
        List.of(5000.0, 4000.0, 3000.0, 2000.0, 1000.0),
        values(answer.get("windows"), "generation_tokens"));
    JsonNode newest = answer.get("windows").get(MAX_WINDOWS - 1);
    assertEquals(
        T.minus(Duration.ofHours(2)).toEpochMilli(), newest.get("window_start_ms").asLong());
    assertEquals("1h", newest.get("window").asText());
    assertTrue(newest.get("prompt_tokens_per_second").isNull(), "absent, never zero");
  }

  @Test
  void sinceAndUntilPickWindowsByStartAsMillisOrInstants() throws Exception {
    await("scope=cluster&cluster=us-east&tier=1h", MAX_WINDOWS);
    long since = T.minus(Duration.ofHours(5)).toEpochMilli();

    JsonNode answer =
        read(
            get(
                "scope=cluster&cluster=us-east&tier=1h&since="
                    + since
                    + "&until="
                    + T.minus(Duration.ofHours(3))));

    assertEquals(List.of(4000.0, 3000.0), values(answer.get("windows"), "generation_tokens"));
    assertEquals(since, answer.get("since_ms").asLong());
  }

  @Test
  void keepsNoSeriesPastMaxSeriesNorNodeScopeAndEachTierApart() throws Exception {
    await("scope=cluster&cluster=us-east&tier=1h", MAX_WINDOWS);
    assertEquals(1, read(get("scope=cluster&cluster=eu-west&tier=1h")).get("windows").size());
    assertEquals(0, read(get("scope=cluster&cluster=ap-south&tier=1h")).get("windows").size());
    assertEquals(0, read(get("scope=cluster&cluster=us-east&tier=1m")).get("windows").size());
    JsonNode fleetDays = await("scope=fleet&tier=1d", 1);
    assertEquals(100, fleetDays.get("windows").get(0).get("nodes_up").asInt());
    assertEquals(0, read(get("scope=fleet")).get("windows").size(), "tier defaults to 1h");
  }

  @Test
  void eachTierIsReadFromAsFarBackAsItsKeptWindowsReach() {
    Map<String, Duration> expected =
        Map.of(
            "1m", Duration.ofMinutes(MAX_WINDOWS),
            "1h", Duration.ofHours(MAX_WINDOWS),
            "1d", Duration.ofDays(MAX_WINDOWS));
    expected.forEach(
        (tier, reach) -> {
          TopicPartition partition = new TopicPartition(TOPICS.rollup(tier), 0);
          assertTrue(
              kafka.timeQueries().stream()
                  .anyMatch(
                      q -> Long.valueOf(T.minus(reach).toEpochMilli()).equals(q.get(partition))),
              tier + " read from " + reach + " back: " + kafka.timeQueries());
        });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "tier=1h;scope;required",
        "scope=everywhere;scope;unknown scope 'everywhere'",
        "scope=node&cluster=c&model=m;scope;node-scope windows are not kept",
        "scope=cluster;cluster;required with scope cluster",
        "scope=fleet&model=m;model;not a label of scope fleet",
        "scope=fleet&tier=5m;tier;'5m' is not one of [1m, 1h, 1d]",
        "scope=fleet&since=yesterday;since;neither epoch milliseconds nor an instant",
        "scope=fleet&since=10&until=5;since;must be before until",
        "scope=fleet&until=soon;until;neither epoch milliseconds",
        "scope=fleet&scope=fleet;scope;given more than once",
        "scope=fleet&limit=3;limit;unknown parameter"
      })
  void aBadParameterIsA400NamingIt(String query, String parameter, String message)
      throws Exception {
    HttpResponse<String> response = get(query);

    assertEquals(400, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode error = json.readTree(response.body());
    assertEquals(parameter, error.get("parameter").asText());
    assertTrue(error.get("error").asText().startsWith(parameter + ": "), error.toString());
    assertTrue(error.get("error").asText().contains(message), error.toString());
  }

  private JsonNode await(String query, int windows) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode answer = read(get(query));
      if (answer.get("windows").size() == windows) {
        return answer;
      }
      Thread.sleep(20);
    }
    return fail("never " + windows + " windows: " + get(query).body());
  }

  private JsonNode read(HttpResponse<String> response) throws Exception {
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    return json.readTree(response.body());
  }

  private static List<Double> values(JsonNode windows, String field) {
    List<Double> values = new ArrayList<>();
    windows.forEach(window -> values.add(window.get(field).asDouble()));
    return values;
  }

  private HttpResponse<String> get(String query) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + exporter.port()
                        + StatusRoutes.WINDOWS_PATH
                        + "?"
                        + query))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
