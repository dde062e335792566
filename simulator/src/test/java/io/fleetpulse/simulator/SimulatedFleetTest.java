package io.fleetpulse.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.simulator.batching.EngineConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class SimulatedFleetTest {

  private static final String GENERATION = "vllm:generation_tokens_total";
  private static final String PROMPT = "vllm:prompt_tokens_total";
  private static final Pattern MONOTONE_SAMPLE =
      Pattern.compile("^(\\S+(?:_total|_bucket|_count)(?:\\{[^}]*})?) (\\S+)$", Pattern.MULTILINE);

  private final MutableClock clock =
      MutableClock.of(Instant.ofEpochMilli(1_795_835_430_000L), ZoneOffset.UTC);
  private SimulatedFleet fleet;

  @AfterEach
  void closeFleet() {
    if (fleet != null) {
      fleet.close();
    }
  }

  private SimulatedFleet startFleet(FleetSpec spec, Clock onClock) throws IOException {
    fleet = SimulatedFleet.start(spec, EngineConfig.defaults(), onClock);
    return fleet;
  }

  private SimulatedNode startOneNode() throws IOException {
    return startFleet(new FleetSpec(List.of("us-east"), 1, null, 0, 7), clock).nodes().get(0);
  }

  @Test
  void groundTruthEqualsTheServedCounterIncreaseBetweenTwoScrapes() throws IOException {
    SimulatedNode node = startOneNode();
    clock.add(Duration.ofMillis(3_217));
    Scrape first = Scrape.get(node);
    clock.add(Duration.ofMillis(10_000));
    Scrape second = Scrape.get(node);

    assertEquals(clock.millis(), second.renderedAtEpochMs());
    double served = second.value(GENERATION) - first.value(GENERATION);
    assertTrue(
        served > 1_000,
        "ten seconds at the default load generate thousands of tokens, got " + served);
    GroundTruth truth = node.groundTruth();
    assertEquals(
        served,
        truth.generationTokensBetween(first.renderedAtEpochMs(), second.renderedAtEpochMs()));
    assertEquals(
        second.value(PROMPT) - first.value(PROMPT),
        truth.promptTokensBetween(first.renderedAtEpochMs(), second.renderedAtEpochMs()));
    assertEquals(
        served / 10.0,
        truth.generationTokensPerSecond(first.renderedAtEpochMs(), second.renderedAtEpochMs()));
  }

  @Test
  void onTheSystemClockEveryPageMatchesTheGroundTruthAtItsRenderTime() throws Exception {
    SimulatedNode node =
        startFleet(new FleetSpec(List.of("c"), 1, null, 20, 3), Clock.systemUTC()).nodes().get(0);
    Thread.sleep(150);
    Scrape first = Scrape.get(node);
    Thread.sleep(350);
    Scrape second = Scrape.get(node);

    double served = second.value(GENERATION) - first.value(GENERATION);
    assertTrue(served > 0, "the node generated tokens between the scrapes");
    assertEquals(
        served,
        node.groundTruth()
            .generationTokensBetween(first.renderedAtEpochMs(), second.renderedAtEpochMs()));
    assertEquals(
        second.value(GENERATION),
        node.groundTruth().generationTokensBetween(0, second.renderedAtEpochMs()),
        "before any restart the counter is the whole ground truth");
  }

  @Test
  void countersAndBucketsNeverDecreaseBetweenScrapes() throws IOException {
    SimulatedNode node = startOneNode();
    Map<String, Double> previous = new HashMap<>();
    for (int scrape = 0; scrape < 6; scrape++) {
      clock.add(Duration.ofMillis(1_700));
      Matcher sample = MONOTONE_SAMPLE.matcher(Scrape.get(node).body());
      int seen = 0;
      while (sample.find()) {
        double value = Double.parseDouble(sample.group(2));
        Double before = previous.put(sample.group(1), value);
        assertTrue(
            before == null || value >= before,
            sample.group(1) + " fell from " + before + " to " + value);
        seen++;
      }
      assertTrue(seen > 300, "counters, buckets and counts are all checked, saw " + seen);
    }
  }

  @Test
  void restartDropsTheServedCountersWhileTheGroundTruthKeepsCounting() throws IOException {
    SimulatedNode node = startOneNode();
    clock.add(Duration.ofSeconds(5));
    Scrape first = Scrape.get(node);
    clock.add(Duration.ofSeconds(3));
    Scrape beforeRestart = Scrape.get(node);
    node.restart();
    clock.add(Duration.ofSeconds(2));
    Scrape afterRestart = Scrape.get(node);

    assertTrue(
        afterRestart.value(GENERATION) < beforeRestart.value(GENERATION),
        "the served counter was reset");
    assertTrue(afterRestart.value(GENERATION) > 0, "the restarted node works again");
    assertEquals(0, afterRestart.value("vllm:num_preemptions_total"));
    assertNotEquals(
        beforeRestart.value("process_start_time_seconds"),
        afterRestart.value("process_start_time_seconds"));
    double processed =
        beforeRestart.value(GENERATION) - first.value(GENERATION) + afterRestart.value(GENERATION);
    assertEquals(
        processed,
        node.groundTruth().generationTokensBetween(first.renderedAtEpochMs(), clock.millis()));
  }

  @Test
  void aLabelExplosionAddsOneSeriesPerRequestIdUntilItEnds() throws IOException {
    SimulatedNode node = startOneNode();
    clock.add(Duration.ofSeconds(2));
    Scrape before = Scrape.get(node);

    node.explodeLabels(500);
    Scrape exploded = Scrape.get(node);
    node.explodeLabels(0);
    Scrape after = Scrape.get(node);

    assertEquals(0, before.body().split("vllm:request_info\\{", -1).length - 1);
    assertEquals(500, exploded.body().split("vllm:request_info\\{", -1).length - 1);
    assertTrue(exploded.body().contains("vllm:request_info{request_id=\"req-499\"} 1\n"));
    assertEquals(before.value(GENERATION), exploded.value(GENERATION), "the engine is untouched");
    assertEquals(0, after.body().split("vllm:request_info\\{", -1).length - 1);
  }

  @Test
  void aStoppedNodeRefusesConnectionsDoesNoWorkAndResumesOnTheSamePort() throws IOException {
    SimulatedNode node = startOneNode();
    int port = node.port();
    clock.add(Duration.ofSeconds(4));
    Scrape beforeStop = Scrape.get(node);
    node.stop();
    long stoppedAt = clock.millis();
    clock.add(Duration.ofSeconds(5));

    assertThrows(
        ConnectException.class,
        () -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
          }
        });
    assertEquals(
        0,
        node.groundTruth().generationTokensBetween(stoppedAt, clock.millis()),
        "a stopped node is frozen");

    node.resume();
    assertEquals(port, node.port());
    Scrape afterResume = Scrape.get(node);
    assertEquals(200, afterResume.status());
    assertEquals(
        beforeStop.value(GENERATION),
        afterResume.value(GENERATION),
        "no work while down, no reset either");
    clock.add(Duration.ofSeconds(2));
    assertTrue(
        Scrape.get(node).value(GENERATION) > beforeStop.value(GENERATION),
        "the engine carries on after resume");
  }

  @Test
  void theTickerPlaysNodesForwardWithoutScrapes() throws Exception {
    SimulatedNode node = startOneNode();
    clock.add(Duration.ofSeconds(3));
    long target = clock.millis();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (node.advancedToEpochMs() < target && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(target, node.advancedToEpochMs());
  }

  @Test
  void servesOnlyGetAndHeadOnMetricsWithThePrometheusContentType() throws IOException {
    SimulatedNode node = startOneNode();
    Scrape get = Scrape.get(node);
    assertEquals(200, get.status());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", get.contentType());
    assertTrue(get.body().startsWith("# HELP python_gc_objects_collected_total"));
    assertEquals(200, Scrape.request(node.metricsUri(), "HEAD").status());
    assertEquals(405, Scrape.request(node.metricsUri(), "POST").status());
    assertEquals(404, Scrape.request(node.metricsUri().resolve("/health"), "GET").status());
    assertEquals("127.0.0.1:" + node.port(), node.instance());
  }

  @Test
  void groupsNodesByClusterAndSumsTheirGroundTruth() throws IOException {
    SimulatedFleet started =
        startFleet(new FleetSpec(List.of("us-east", "eu-west"), 2, "m", 0, 11), clock);
    long from = clock.millis();
    clock.add(Duration.ofSeconds(5));
    long to = clock.millis();

    assertEquals(4, started.nodes().size());
    assertEquals(2, started.nodesIn("eu-west").size());
    assertTrue(
        started.nodesIn("eu-west").stream()
            .allMatch(node -> node.cluster().equals("eu-west") && node.model().equals("m")));
    double clusterSum =
        started.nodesIn("us-east").stream()
            .mapToDouble(node -> node.groundTruth().generationTokensBetween(from, to))
            .sum();
    assertTrue(clusterSum > 0);
    assertEquals(clusterSum, started.groundTruth("us-east").generationTokensBetween(from, to));
    assertEquals(
        clusterSum + started.groundTruth("eu-west").generationTokensBetween(from, to),
        started.groundTruth().generationTokensBetween(from, to));
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> started.nodesIn("ap-south"));
    assertTrue(unknown.getMessage().contains("ap-south"), unknown.getMessage());
  }

  @Test
  void groundTruthRefusesIntervalsThatAreBackwardsOrInTheFuture() throws IOException {
    GroundTruth truth = startOneNode().groundTruth();
    long now = clock.millis();
    assertThrows(IllegalArgumentException.class, () -> truth.generationTokensBetween(now, now - 1));
    IllegalArgumentException future =
        assertThrows(
            IllegalArgumentException.class, () -> truth.generationTokensBetween(now, now + 1_000));
    assertTrue(future.getMessage().contains("future"), future.getMessage());
  }

  @Test
  void theSameSeedReplaysTheSameWorkload() throws IOException {
    SimulatedNode first = startOneNode();
    clock.add(Duration.ofSeconds(6));
    double firstTokens = Scrape.get(first).value(GENERATION);
    fleet.close();

    MutableClock replayClock =
        MutableClock.of(Instant.ofEpochMilli(1_795_835_430_000L), ZoneOffset.UTC);
    SimulatedNode replay =
        startFleet(new FleetSpec(List.of("us-east"), 1, null, 0, 7), replayClock).nodes().get(0);
    replayClock.add(Duration.ofSeconds(6));
    assertEquals(firstTokens, Scrape.get(replay).value(GENERATION));
  }
}
