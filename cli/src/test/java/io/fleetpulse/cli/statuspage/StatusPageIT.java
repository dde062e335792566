package io.fleetpulse.cli.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.demo.DemoConfig;
import io.fleetpulse.cli.external.PrometheusProcess;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.sink.SinkExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's status page on the demo's simulated fleet, in a real headless Chromium: the page's own
 * script fills in the clusters and their numbers, the signals section, the trends and the long-term
 * trends from the 1 h rollup tier (written here, as the tiers would); a picture of it goes to
 * target/status-page.png. The real Prometheus scrapes the sink (in OpenMetrics, which it asks for
 * first), and a second sink started on the same topics serves the windows on its first scrape.
 */
class StatusPageIT {

  private static final Duration WINDOWS_LIMIT = Duration.ofSeconds(90);
  private static final int CHART_POINTS = 3;
  private static final Duration SCRIPT_TIME = Duration.ofSeconds(4);
  private static final Duration PROMETHEUS_LIMIT = Duration.ofSeconds(30);
  private static final Path SCREENSHOT = Path.of("target", "status-page.png");
  private static final List<String> CLUSTERS = List.of("us-east", "eu-west");
  private static final int TIER_HOURS = 24;
  private static final Duration TIER_LIMIT = Duration.ofSeconds(60);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dataDir;
  @TempDir Path browserProfiles;
  @TempDir Path prometheusDir;

  @Test
  void theStatusPageShowsTheFleetFilledInByItsScriptAndARestartedSinkServesAtOnce()
      throws Exception {
    HeadlessChromium chromium = new HeadlessChromium(browserProfiles);
    try (SimulatedFleet fleet = SimulatedFleet.start(FleetSpec.defaults())) {
      FleetPulseConfig config = DemoConfig.forFleet(fleet, dataDir.toString(), "127.0.0.1:0");
      try (Pipeline pipeline = Pipeline.start(config, Component.all())) {
        DemoConfig.postRequestEvents(fleet, pipeline);
        int port = pipeline.sink().orElseThrow().port();
        writeADayOfFleetHours(
            pipeline.bootstrapServers(), new Topics(config.kafka().topicPrefix()));
        awaitChartableWindows(port);
        awaitTierWindows(port);
        String url = "http://127.0.0.1:" + port + "/";

        String dom = chromium.renderedDom(url, SCRIPT_TIME);

        for (String cluster : CLUSTERS) {
          assertClusterRowHasNumbers(dom, cluster);
        }
        assertTrue(dom.contains("<h2>Active signals</h2>"), dom);
        assertTrue(
            dom.contains("No signal is pending or firing.") || dom.contains("class=\"pill "),
            "the signals section was not filled in:\n" + dom);
        assertTrue(dom.contains("class=\"line\""), "no trend line was drawn:\n" + dom);
        Matcher tierCharts =
            Pattern.compile("id=\"tier-charts\">(.*?)</section>", Pattern.DOTALL).matcher(dom);
        assertTrue(
            tierCharts.find() && tierCharts.group(1).contains("class=\"line\""),
            "no long-term trend line was drawn from /api/v1/windows:\n" + dom);
        assertTrue(
            dom.contains("latest window closed"),
            "the header's live status was not filled in:\n" + dom);

        chromium.screenshot(url, SCRIPT_TIME, SCREENSHOT, 1400, 1000);
        reportSeriesPerNode(metrics(port));
        assertPrometheusScrapesTheSink(port);
        assertARestartedSinkServesTheWindowsOnItsFirstScrape(pipeline, config);
      }
    }
  }

  private void assertClusterRowHasNumbers(String dom, String cluster) {
    // The row's name cell, then the tokens/s and requests/s cells, which the script fills with
    // numbers.
    Matcher row =
        Pattern.compile(
                "<tr data-scope=\"cluster\"><td title=\""
                    + Pattern.quote(cluster)
                    + "[^\"]*\">"
                    + Pattern.quote(cluster)
                    + "</td><td>([0-9][0-9,.]*)</td><td>([0-9][0-9,.]*)</td>")
            .matcher(dom);
    assertTrue(
        row.find(),
        "no cluster row with numbers for " + cluster + " in the rendered page:\n" + dom);
    assertTrue(
        Double.parseDouble(row.group(1).replace(",", "")) > 0,
        cluster + " tokens/s " + row.group(1));
  }

  /**
   * Waits until both clusters have a 10s window with tokens/s and the fleet enough points for a
   * trend line.
   */
  private void awaitChartableWindows(int port) throws Exception {
    long deadline = System.nanoTime() + WINDOWS_LIMIT.toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = json.readTree(get(port, "/api/v1/status").body());
      if (clustersWithTokens(status).containsAll(CLUSTERS) && fleetPoints(status) >= CHART_POINTS) {
        return;
      }
      Thread.sleep(500);
    }
    fail(
        "no 10s windows for "
            + CLUSTERS
            + " and "
            + CHART_POINTS
            + " fleet points within "
            + WINDOWS_LIMIT
            + ": "
            + status);
  }

  /**
   * The fleet's 1 h rollup windows of the last day, as the rollup tiers would have written them
   * over a day the pipeline has not run for, into the tier's topic the pipeline created, for the
   * page's long-term trends.
   */
  private static void writeADayOfFleetHours(String bootstrapServers, Topics topics)
      throws Exception {
    AvroSerde<RollupWindow> serde = new AvroSerde<>(RollupWindow.class);
    Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int hoursAgo = TIER_HOURS; hoursAgo >= 1; hoursAgo--) {
        Instant end = now.minus(Duration.ofHours(hoursAgo - 1));
        FleetWindow window =
            FleetWindow.newBuilder()
                .setScope("fleet")
                .setWindow("1h")
                .setWindowStartMs(end.minus(Duration.ofHours(1)))
                .setWindowEndMs(end)
                .setGenerationTokensPerSecond(1000.0 + 100 * hoursAgo)
                .setKvCacheUsageMax(0.5)
                .build();
        RollupWindow rollup =
            RollupWindow.newBuilder()
                .setWindow(window)
                .setAggregate(ByteBuffer.wrap(new byte[0]))
                .build();
        producer
            .send(
                new ProducerRecord<>(
                    topics.rollup("1h"),
                    null,
                    end.toEpochMilli(),
                    "fleet|" + window.getWindowStartMs().toEpochMilli(),
                    serde.encode(rollup)))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Waits until the sink, which finds a new topic within 30 s, answers the day's 1 h windows. */
  private void awaitTierWindows(int port) throws Exception {
    long deadline = System.nanoTime() + TIER_LIMIT.toNanos();
    JsonNode answer = null;
    while (System.nanoTime() < deadline) {
      answer = json.readTree(get(port, "/api/v1/windows?scope=fleet&tier=1h").body());
      if (answer.get("windows").size() == TIER_HOURS) {
        return;
      }
      Thread.sleep(500);
    }
    fail(
        "the sink never answered "
            + TIER_HOURS
            + " 1h windows within "
            + TIER_LIMIT
            + ": "
            + answer);
  }

  private static Set<String> clustersWithTokens(JsonNode status) {
    Set<String> clusters = new HashSet<>();
    for (JsonNode window : status.get("windows")) {
      if (window.get("scope").asText().equals("cluster")
          && window.get("window").asText().equals("10s")
          && window.get("generation_tokens_per_second").asDouble() > 0) {
        clusters.add(window.get("cluster").asText());
      }
    }
    return clusters;
  }

  private static int fleetPoints(JsonNode status) {
    for (JsonNode series : status.get("history")) {
      if (series.get("scope").asText().equals("fleet")
          && series.get("window").asText().equals("10s")) {
        return series.get("points").size();
      }
    }
    return 0;
  }

  /**
   * Series on /metrics per node (node scope, all windows), the figure sink.node_scope.max_nodes is
   * sized by.
   */
  private static void reportSeriesPerNode(String metrics) {
    Pattern nodeLabel = Pattern.compile("[{,]node=\"([^\"]+)\"");
    Set<String> nodes = new HashSet<>();
    long series = 0;
    for (String line : metrics.lines().toList()) {
      if (!line.startsWith("#") && line.contains("scope=\"node\"")) {
        Matcher node = nodeLabel.matcher(line);
        if (node.find()) {
          nodes.add(node.group(1));
          series++;
        }
      }
    }
    assertTrue(!nodes.isEmpty(), "no node-scope series on /metrics");
    System.out.printf(
        "node-scope series: %d over %d nodes = %.1f per node (10s and 1m windows, signals included)%n",
        series, nodes.size(), (double) series / nodes.size());
  }

  /**
   * The real Prometheus, which asks for OpenMetrics first, takes the sink's /metrics without an
   * error.
   */
  private void assertPrometheusScrapesTheSink(int port) throws Exception {
    try (PrometheusProcess prometheus =
        PrometheusProcess.start(
            prometheusDir,
            Duration.ofSeconds(1),
            Duration.ofMillis(800),
            List.of("127.0.0.1:" + port),
            "sink")) {
      long deadline = System.nanoTime() + PROMETHEUS_LIMIT.toNanos();
      while (System.nanoTime() < deadline) {
        long now = System.currentTimeMillis();
        OptionalDouble up = prometheus.query("up", now);
        if (up.isPresent() && up.getAsDouble() == 1.0) {
          OptionalDouble samples = prometheus.query("scrape_samples_scraped", now);
          assertTrue(samples.orElse(0) > 100, "Prometheus scraped only " + samples + " samples");
          assertTrue(
              prometheus.query("count(fleetpulse_signal_active{scope=\"fleet\"})", now).isPresent(),
              prometheus.logText());
          return;
        }
        Thread.sleep(250);
      }
      fail(
          "Prometheus never scraped the sink with up == 1 within "
              + PROMETHEUS_LIMIT
              + ":\n"
              + prometheus.logText());
    }
  }

  private void assertARestartedSinkServesTheWindowsOnItsFirstScrape(
      Pipeline pipeline, FleetPulseConfig config) throws Exception {
    try (SinkExporter restarted =
        new SinkExporter(
            pipeline.connection(),
            new Topics(config.kafka().topicPrefix()),
            config.sink().withListen("127.0.0.1:0"))) {
      restarted.start();

      String first = metrics(restarted.port());

      for (String cluster : CLUSTERS) {
        assertTrue(
            first
                .lines()
                .anyMatch(
                    line ->
                        line.startsWith("fleetpulse_tokens_per_second{")
                            && line.contains("cluster=\"" + cluster + "\"")
                            && line.contains("scope=\"cluster\"")),
            "the restarted sink's first scrape has no tokens/s of " + cluster + ":\n" + first);
      }
    }
  }

  private String metrics(int port) throws Exception {
    HttpResponse<String> response = get(port, "/metrics");
    assertEquals(200, response.statusCode());
    return response.body();
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
