package io.fleetpulse.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.KafkaConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetStreamsAppTest {

  /**
   * Nothing listens here, so the app starts and keeps trying to reach Kafka without ever getting
   * anywhere.
   */
  private static final KafkaConnection NO_BROKER = KafkaConnection.plaintext("127.0.0.1:9");

  @TempDir Path stateDir;

  @Test
  void anAppThatWasNeverStartedClosesCleanly() {
    FleetStreamsApp app =
        new FleetStreamsApp(NO_BROKER, TopologyHarness.TOPICS, config("127.0.0.1:0"));

    assertEquals(KafkaStreams.State.CREATED, app.state());
    assertEquals(0, app.lateRecordsDropped());
    assertEquals(OptionalInt.empty(), app.healthPort());
    app.close();
    assertEquals(KafkaStreams.State.NOT_RUNNING, app.state());
  }

  @Test
  void aGraceShorterThanTheFailoverTimeStopsTheStart() {
    StreamsAppConfig shortGrace =
        new StreamsAppConfig(
            "app", null, Duration.ofSeconds(3), 1, stateDir.toString(), 1, "127.0.0.1:0");

    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> new FleetStreamsApp(NO_BROKER, TopologyHarness.TOPICS, shortGrace))
            .getMessage();
    assertTrue(message.startsWith("streams.grace"), message);
  }

  @Test
  void servesItsHealthOnItsOwnMetricsEndpoint() throws Exception {
    try (FleetStreamsApp app =
        new FleetStreamsApp(NO_BROKER, TopologyHarness.TOPICS, config("127.0.0.1:0"))) {
      app.start();

      String page = get(app.healthPort().orElseThrow());

      for (String line :
          new String[] {
            "fleetpulse_streams_records_in_total{input=\"scrapes\"} 0.0",
            "fleetpulse_streams_records_in_total{input=\"requests\"} 0.0",
            "fleetpulse_streams_decode_failures_total{input=\"requests\"} 0.0",
            "fleetpulse_streams_records_out_total{output=\"fleet_stats\"} 0.0",
            "fleetpulse_streams_records_out_total{output=\"node_stats\"} 0.0",
            "fleetpulse_streams_late_slices_dropped_total 0.0"
          }) {
        assertTrue(page.lines().anyMatch(line::equals), line + " missing from:\n" + page);
      }
      assertTrue(
          !page.contains("fleetpulse_streams_consumer_lag_records"),
          "no lag before partitions are assigned");
    }
  }

  @Test
  void runsWithoutItsHealthEndpointWhenTheAddressIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        FleetStreamsApp app =
            new FleetStreamsApp(
                NO_BROKER, TopologyHarness.TOPICS, config("127.0.0.1:" + taken.getLocalPort()))) {
      app.start();

      assertEquals(OptionalInt.empty(), app.healthPort());
      assertTrue(
          app.state() != KafkaStreams.State.NOT_RUNNING && app.state() != KafkaStreams.State.ERROR);
    }
  }

  private StreamsAppConfig config(String listen) {
    return new StreamsAppConfig(
        "fleetpulse-app-test", null, null, null, stateDir.toString(), null, listen);
  }

  private static String get(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }
}
