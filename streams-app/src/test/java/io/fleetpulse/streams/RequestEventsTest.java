package io.fleetpulse.streams;

import static io.fleetpulse.streams.Events.event;
import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.contract.EventTime;
import io.fleetpulse.streams.decode.RecordDecoder;
import io.fleetpulse.streams.events.LatencySketches;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request events: sketched per node and window by the time they finished, merged per scope, source
 * "events".
 */
class RequestEventsTest {

  private static final String NODE = "node/c1/" + Scrapes.MODEL + "/a:8000/10s";

  @TempDir Path stateDir;

  @Test
  void eachLatencyOfARequestReachesEveryScopeOfItsNode() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      // TPOT = (2.5 - 0.5) / (11 - 1) = 0.2.
      harness.pipeEvents(List.of(event("c1", "a:8000", ms(1), 0.1, 0.5, 2.5, 11)));
      harness.closeAllWindows();

      for (String scope :
          List.of(
              NODE,
              "cluster_model/c1/" + Scrapes.MODEL + "/10s",
              "model/" + Scrapes.MODEL + "/10s",
              "cluster/c1/10s",
              "fleet/10s")) {
        Map<String, List<Double>> byFamily = fromEvents(harness.window(scope, 0), 0.5);
        assertWithinOnePercent(0.5, byFamily.get("time_to_first_token"));
        assertWithinOnePercent(0.2, byFamily.get("inter_token_latency"));
        assertWithinOnePercent(2.5, byFamily.get("e2e_request_latency"));
        assertWithinOnePercent(0.1, byFamily.get("queue_time"));
      }
    }
  }

  @Test
  void aRequestCountsInTheWindowItFinishedInNotTheOneItArrivedIn() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipeEvents(List.of(event("c1", "a:8000", ms(8), null, 0.5, 4.0, 2)));
      harness.closeAllWindows();

      assertEquals(
          List.of(Scrapes.BASE.plusSeconds(10)),
          harness.windows("fleet/10s").stream().map(FleetWindow::getWindowStartMs).toList());
    }
  }

  @Test
  void theFleetQuantilesOfManyNodesRequestsAreWithinOnePercentOfTheExactOnes() {
    Random random = new Random(11);
    List<RequestEvent> events = new ArrayList<>();
    double[] e2e = new double[2_000];
    for (int i = 0; i < e2e.length; i++) {
      int node = i % 50;
      e2e[i] = Math.exp(random.nextGaussian() * 0.7 + 0.5) * (1 + (node % 5) * 0.5);
      events.add(
          event(
              "c" + node % 3,
              "n" + node + ":8000",
              random.nextInt(20_000),
              null,
              null,
              e2e[i],
              10));
    }
    events.sort(Comparator.comparingLong(EventTime::of));
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(3600))) {
      harness.pipeEvents(events);
      harness.closeAllWindows();

      FleetWindow fleet = harness.window("fleet/1h", 0);
      for (double q : List.of(0.5, 0.99)) {
        assertWithinOnePercent(exact(q, e2e), fromEvents(fleet, q).get("e2e_request_latency"));
      }
      assertEquals(0, harness.lateSlicesDropped());
    }
  }

  @Test
  void aRequestDeliveredTwiceCountsOnce() {
    RequestEvent twice = event("c1", "a:8000", ms(1), null, null, 1.0, 2);
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipeEvents(
          List.of(
              twice,
              twice,
              event("c1", "a:8000", ms(2), null, null, 3.0, 2),
              event("c1", "a:8000", ms(3), null, null, 5.0, 2)));
      harness.closeAllWindows();

      // The median of {1, 3, 5} is 3; had the repeat counted, that of {1, 1, 3, 5} would be 1.
      assertWithinOnePercent(
          3.0, fromEvents(harness.window(NODE, 0), 0.5).get("e2e_request_latency"));
    }
  }

  @Test
  void eventsAndHistogramsBothReachTheWindowEachUnderItsSource() {
    List<Double> bounds = List.of(0.1, 0.5, 1.0);
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(
          Scrapes.vllm("c1", "a:8000", ms(1))
              .histogram("vllm:time_to_first_token_seconds", 0, bounds, List.of(0.0, 0.0, 0.0, 0.0))
              .build());
      harness.pipeEvents(List.of(event("c1", "a:8000", ms(2), null, 0.3, 1.0, 5)));
      harness.pipe(
          Scrapes.vllm("c1", "a:8000", ms(6))
              .histogram("vllm:time_to_first_token_seconds", 0, bounds, List.of(0.0, 1.0, 1.0, 1.0))
              .build());
      harness.closeAllWindows();

      List<LatencyQuantile> ttft =
          harness.window("cluster/c1/10s", 0).getLatency().stream()
              .filter(q -> q.getFamily().equals("time_to_first_token") && q.getQuantile() == 0.5)
              .toList();
      assertEquals(
          List.of("histogram", "events"), ttft.stream().map(LatencyQuantile::getSource).toList());
      assertEquals(0.1 + 0.4 * 0.5, ttft.get(0).getValue(), 1e-9);
      assertWithinOnePercent(0.3, List.of(ttft.get(1).getValue()));
    }
  }

  @Test
  void undecodableAndInvalidEventsAreDeadLetteredWithTheReasonAndTheRestCount() {
    AvroSerde<RequestEvent> serde = new AvroSerde<>(RequestEvent.class);
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipeRawRequest("c1/a:8000", "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
      harness.pipeRawRequest(
          "c1/a:8000", serde.encode(event("c1", "a:8000", ms(1), null, null, -1.0, 2)));
      harness.pipeRawRequest(
          "c1/a:8000", serde.encode(event("c1", "a:8000", ms(1), null, 3.0, 2.0, 2)));
      harness.pipeEvents(List.of(event("c1", "a:8000", ms(1), null, null, 1.0, 2)));
      harness.closeAllWindows();

      List<String> reasons = harness.deadLetters().stream().map(RequestEventsTest::reason).toList();
      assertEquals(3, reasons.size());
      assertTrue(reasons.get(0).startsWith("cannot decode RequestEvent"), reasons.get(0));
      assertTrue(
          reasons.get(1).endsWith("e2e_latency_seconds -1.0 is not a finite, non-negative number"),
          reasons.get(1));
      assertTrue(
          reasons
              .get(2)
              .endsWith("time_to_first_token_seconds 3.0 exceeds e2e_latency_seconds 2.0"),
          reasons.get(2));
      assertEquals(3, harness.metrics().decodeFailures(StreamsAppMetrics.REQUESTS));
      assertEquals(4, harness.metrics().recordsIn(StreamsAppMetrics.REQUESTS));
      assertWithinOnePercent(
          1.0, fromEvents(harness.window(NODE, 0), 0.99).get("e2e_request_latency"));
    }
  }

  @Test
  void eventsOfAWindowThatClosedBeforeTheyCameAreCountedLate() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      // Another node's first scrape moves stream time to 25 s, which closes [0 s, 10 s).
      harness.pipe(Scrapes.node("c1", "b:8000", ms(25), 0, 0, 1, 0, 0.1));
      harness.pipeEvents(List.of(event("c1", "a:8000", ms(2), null, null, 1.0, 2)));
      // The event is handed on at the task's next step of stream time.
      harness.pipe(Scrapes.node("c1", "b:8000", ms(30), 0, 0, 1, 0, 0.1));

      assertEquals(5, harness.lateSlicesDropped(), "one late slice in each of the five scopes");
    }
  }

  private static Map<String, List<Double>> fromEvents(FleetWindow window, double q) {
    return window.getLatency().stream()
        .filter(l -> l.getSource().equals("events") && l.getQuantile() == q)
        .collect(
            Collectors.groupingBy(
                LatencyQuantile::getFamily,
                Collectors.mapping(LatencyQuantile::getValue, Collectors.toList())));
  }

  private static double exact(double q, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.floor(q * (sorted.length - 1))];
  }

  private static void assertWithinOnePercent(double expected, List<Double> actual) {
    assertEquals(1, actual.size(), "one value expected, got " + actual);
    // DDSketch's bound is exactly 1%, so allow for the rounding of that bound itself.
    assertTrue(
        Math.abs(actual.get(0) - expected)
            <= expected * LatencySketches.RELATIVE_ACCURACY * (1 + 1e-9),
        actual.get(0) + " is not within 1% of " + expected);
  }

  private static String reason(TestRecord<byte[], byte[]> letter) {
    return new String(
        letter.headers().lastHeader(RecordDecoder.HEADER_MESSAGE).value(), StandardCharsets.UTF_8);
  }
}
