package io.fleetpulse.sink;

import static io.fleetpulse.sink.TestSignals.signal;
import static io.fleetpulse.sink.TestWindows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * A sink started on topics that already hold windows and signals serves them on its very first
 * scrape.
 */
class SinkRestoreTest {

  private static final Topics TOPICS = Topics.withDefaultPrefix();
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
  private static final AvroSerde<FleetWindow> WINDOWS = new AvroSerde<>(FleetWindow.class);
  private static final AvroSerde<Signal> SIGNALS = new AvroSerde<>(Signal.class);

  private final ScriptedConsumer kafka = new ScriptedConsumer();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theFirstScrapeAfterAStartHasTheLatestWindowsAndSignalsTheTopicsHeld() throws Exception {
    kafka.createTopic(TOPICS.fleetStats(), 1, 2);
    kafka.createTopic(TOPICS.signals(), 1, 1);
    kafka.startAt(new TopicPartition(TOPICS.fleetStats(), 0), 0);
    kafka.startAt(new TopicPartition(TOPICS.signals(), 0), 0);
    kafka.schedulePollTask(
        () -> {
          kafka.addRecord(
              windowRecord(
                  0,
                  window("cluster", "10s", T.minusSeconds(20))
                      .setCluster("us-east")
                      .setNodesUp(3)
                      .build()));
          kafka.addRecord(
              windowRecord(
                  1,
                  window("cluster", "10s", T.minusSeconds(10))
                      .setCluster("us-east")
                      .setNodesUp(4)
                      .build()));
          kafka.addRecord(
              new ConsumerRecord<>(
                  TOPICS.signals(),
                  0,
                  0,
                  null,
                  SIGNALS.encode(
                      signal("capacity_reached", "fleet", SignalState.FIRING, T.minusSeconds(10))
                          .build())));
        });

    try (SinkExporter exporter = start(Duration.ofSeconds(30))) {
      List<String> first = scrape(exporter);

      assertTrue(
          first.contains(
              "fleetpulse_nodes{cluster=\"us-east\",scope=\"cluster\",state=\"up\",window=\"10s\"} 4.0"),
          String.join("\n", first));
      assertTrue(
          first.contains(
              "fleetpulse_signal_active{scope=\"fleet\",severity=\"warning\",signal=\"capacity_reached\"} 1.0"),
          String.join("\n", first));
    }
  }

  @Test
  void aRestoreThatTakesLongerThanItsTimeoutDoesNotKeepTheSinkFromServing() throws Exception {
    kafka.createTopic(TOPICS.fleetStats(), 1, 5);
    kafka.startAt(new TopicPartition(TOPICS.fleetStats(), 0), 0);

    try (SinkExporter exporter = start(Duration.ofMillis(200))) {
      List<String> first = scrape(exporter);

      assertTrue(
          first.contains("fleetpulse_sink_series{kind=\"window\"} 0.0"), String.join("\n", first));
    }
  }

  private SinkExporter start(Duration restoreTimeout) throws Exception {
    SinkExporter exporter =
        new SinkExporter(
            TOPICS,
            new SinkConfig("127.0.0.1:0", null, Duration.ofMinutes(10), restoreTimeout, null, null),
            MutableClock.of(T, ZoneOffset.UTC),
            () -> kafka);
    exporter.start();
    return exporter;
  }

  private static ConsumerRecord<byte[], byte[]> windowRecord(long offset, FleetWindow window) {
    return new ConsumerRecord<>(TOPICS.fleetStats(), 0, offset, null, WINDOWS.encode(window));
  }

  private List<String> scrape(SinkExporter exporter) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body().lines().toList();
  }
}
