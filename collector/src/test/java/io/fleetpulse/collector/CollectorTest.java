package io.fleetpulse.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import io.fleetpulse.collector.parse.ExpositionFormat;
import io.fleetpulse.collector.scrape.FailureCategory;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.Scrape;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorTest {

  private static final Duration PATIENCE = Duration.ofSeconds(5);

  private final RecordingPublisher publisher = new RecordingPublisher();

  private static CollectorConfig config(
      Duration interval, Duration timeout, Integer maxConcurrent, String... targets) {
    StaticConfig group =
        new StaticConfig(List.of(targets), Map.of("cluster", "us-east", "rack", "r1"));
    ScrapeConfig job = new ScrapeConfig("vllm", interval, timeout, null, null, List.of(group));
    return new CollectorConfig(null, null, List.of(job), maxConcurrent);
  }

  /** A short interval, because the first scrape waits for the target's slot in it. */
  private static CollectorConfig config(String... targets) {
    return config(Duration.ofSeconds(1), Duration.ofMillis(800), null, targets);
  }

  private Scrape firstScrape(CollectorConfig config) throws InterruptedException {
    try (Collector collector = new Collector(config, publisher)) {
      collector.start();
      return publisher.next(PATIENCE);
    }
  }

  @Test
  void publishesAnUpScrapeOfAVllmTarget() throws Exception {
    try (MetricsServer server =
            MetricsServer.serving(MetricsServer.body(EngineFixtures.read("vllm")));
        Collector collector = new Collector(config(server.target()), publisher)) {
      Instant before = Instant.ofEpochMilli(System.currentTimeMillis());
      collector.start();
      Scrape scrape = publisher.next(PATIENCE);

      assertTrue(scrape.getUp());
      assertNull(scrape.getError());
      assertEquals("vllm", scrape.getEngine());
      assertEquals("us-east", scrape.getCluster());
      assertEquals(server.target(), scrape.getInstance());
      assertEquals("vllm", scrape.getJob());
      assertEquals(
          Map.of("cluster", "us-east", "rack", "r1", "job", "vllm", "instance", server.target()),
          scrape.getTargetLabels());
      // Started before the request reached the server, never earlier than start().
      assertFalse(scrape.getTimestampMs().isBefore(before));
      assertFalse(scrape.getTimestampMs().isAfter(server.arrivals().get(0)));
      assertTrue(scrape.getDurationSeconds() > 0);
      assertEquals(33, scrape.getFamilies().size());
      MetricFamily generation =
          scrape.getFamilies().stream()
              .filter(f -> f.getName().equals("vllm:generation_tokens_total"))
              .findFirst()
              .orElseThrow();
      assertEquals(294700.0, generation.getSamples().get(0).getValue());
      assertTrue(scrape.getFamilies().stream().noneMatch(f -> f.getName().startsWith("process_")));
      assertEquals(
          ExpositionFormat.ACCEPT_HEADER, server.requestHeaders().get(0).getFirst("Accept"));
      assertEquals("gzip", server.requestHeaders().get(0).getFirst("Accept-Encoding"));
      assertEquals(
          "0.8", server.requestHeaders().get(0).getFirst("X-Prometheus-Scrape-Timeout-Seconds"));
      assertNull(server.requestHeaders().get(0).getFirst("Authorization"));
      collector.close();
      assertEquals(1, collector.scrapesCompleted());
      assertEquals(0, collector.scrapesFailed());
    }
  }

  @Test
  void decodesAGzippedBody() throws Exception {
    try (MetricsServer server =
        MetricsServer.serving(MetricsServer.gzipped(EngineFixtures.read("tgi")))) {
      Scrape scrape = firstScrape(config(server.target()));

      assertTrue(scrape.getUp(), scrape::getError);
      assertEquals("tgi", scrape.getEngine());
      assertEquals(25, scrape.getFamilies().size());
      assertEquals(MetricType.COUNTER, scrape.getFamilies().get(0).getType());
    }
  }

  @Test
  void aScrapeWhoseRecordIsTooLargeIsDownWithReasonLimitNeverUp() throws Exception {
    RecordingPublisher refusing = RecordingPublisher.refusingUpScrapes();
    Collector stopped;
    try (MetricsServer server =
            MetricsServer.serving(MetricsServer.body(EngineFixtures.read("vllm")));
        Collector collector = new Collector(config(server.target()), refusing)) {
      collector.start();
      Scrape scrape = refusing.next(PATIENCE);
      stopped = collector;

      assertFalse(scrape.getUp());
      assertTrue(
          scrape
              .getError()
              .startsWith(
                  "record size limit exceeded: its record for test.scrapes.v1 would be "
                      + "2000000 bytes"),
          scrape.getError());
      assertEquals(List.of(), scrape.getFamilies());
    }
    // Closing waits for scrapes in flight, so the counts are final.
    assertEquals(
        stopped.scrapesFailed(),
        stopped.metrics().scrapeFailures.labelValues("vllm", "limit").get());
    assertTrue(stopped.scrapesFailed() >= 1);
    assertEquals(0, stopped.scrapesCompleted());
  }

  @Test
  void aScrapeOverTheCollectorsSeriesBudgetIsDownWithReasonLimit() throws Exception {
    StaticConfig group = new StaticConfig(List.of(), Map.of("cluster", "us-east"));
    try (MetricsServer server =
        MetricsServer.serving(MetricsServer.body(EngineFixtures.read("vllm")))) {
      ScrapeConfig job =
          new ScrapeConfig(
              "vllm",
              Duration.ofSeconds(1),
              Duration.ofMillis(800),
              null,
              null,
              List.of(new StaticConfig(List.of(server.target()), group.labels())));
      CollectorConfig tenSeries =
          new CollectorConfig(null, null, List.of(job), null, null, null, null, 10L, null, null);
      Scrape scrape = firstScrape(tenSeries);

      assertFalse(scrape.getUp());
      assertTrue(scrape.getError().startsWith("max_series exceeded (series: "), scrape.getError());
      assertTrue(
          scrape.getError().endsWith("limit of 10, collector.max_series)"), scrape.getError());
    }
  }

  @Test
  void labelledCountersArePresentFromZero() {
    try (Collector collector = new Collector(config("127.0.0.1:1"), publisher)) {
      Map<String, Integer> seriesByMetric = new java.util.HashMap<>();
      collector
          .metrics()
          .registry()
          .scrape()
          .forEach(
              snapshot ->
                  seriesByMetric.put(
                      snapshot.getMetadata().getName(), snapshot.getDataPoints().size()));

      assertEquals(
          FailureCategory.values().length,
          seriesByMetric.get("fleetpulse_collector_scrape_failures"));
      assertEquals(
          4,
          seriesByMetric.get("fleetpulse_collector_request_events"),
          "jsonl and otlp, each result");
      assertEquals(1, seriesByMetric.get("fleetpulse_collector_samples_scraped"));
      assertEquals(1, seriesByMetric.get("fleetpulse_collector_target_up"));
    }
  }

  @Test
  void serverErrorIsADownScrapeWithTheStatus() throws Exception {
    try (MetricsServer server = MetricsServer.serving(MetricsServer.status(500));
        Collector collector = new Collector(config(server.target()), publisher)) {
      collector.start();
      Scrape scrape = publisher.next(PATIENCE);

      assertFalse(scrape.getUp());
      assertEquals("HTTP 500", scrape.getError());
      assertEquals(List.of(), scrape.getFamilies());
      assertEquals("unknown", scrape.getEngine());
      collector.close();
      assertEquals(1, collector.scrapesFailed());
      assertEquals(0, collector.scrapesCompleted());
    }
  }

  @Test
  void closedPortIsADownScrapeWithAConnectionReason() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Scrape scrape = firstScrape(config("127.0.0.1:" + port));

    assertFalse(scrape.getUp());
    assertEquals("connection failed: connection refused", scrape.getError());
    assertEquals(List.of(), scrape.getFamilies());
  }

  @Test
  void slowTargetTimesOut() throws Exception {
    try (MetricsServer server = MetricsServer.serving(MetricsServer.hanging())) {
      Scrape scrape =
          firstScrape(config(Duration.ofSeconds(1), Duration.ofMillis(300), null, server.target()));

      assertFalse(scrape.getUp());
      assertEquals("timeout after 300ms", scrape.getError());
      assertTrue(
          scrape.getDurationSeconds() >= 0.3, () -> "duration " + scrape.getDurationSeconds());
    }
  }

  @Test
  void unparsableBodyIsADownScrapeNamingTheLine() throws IOException, InterruptedException {
    byte[] body = "# TYPE up gauge\nup 1\nup{ 2\n".getBytes(StandardCharsets.UTF_8);
    try (MetricsServer server = MetricsServer.serving(MetricsServer.body(body))) {
      Scrape scrape = firstScrape(config(server.target()));

      assertFalse(scrape.getUp());
      assertEquals("line 3: expected a label name, found \"2\"", scrape.getError());
      assertEquals(List.of(), scrape.getFamilies());
    }
  }

  @Test
  void scrapesEveryTargetRepeatedly() throws Exception {
    byte[] body = EngineFixtures.read("llamacpp");
    try (MetricsServer first = MetricsServer.serving(MetricsServer.body(body));
        MetricsServer second = MetricsServer.serving(MetricsServer.body(body));
        Collector collector =
            new Collector(
                config(
                    Duration.ofMillis(200),
                    Duration.ofMillis(200),
                    null,
                    first.target(),
                    second.target()),
                publisher)) {
      collector.start();
      while (scrapesOf(first) < 3 || scrapesOf(second) < 3) {
        publisher.next(PATIENCE);
      }
      // Counted after publishing, so a scrape is never counted as up before its record was taken;
      // closing waits.
      collector.close();
      assertEquals(
          publisher.all().size(), collector.scrapesCompleted() + collector.scrapesFailed());
      assertTrue(
          publisher.all().stream()
              .anyMatch(s -> s.getInstance().equals(first.target()) && s.getUp()));
      assertTrue(
          publisher.all().stream()
              .anyMatch(s -> s.getInstance().equals(second.target()) && s.getUp()));
    }
  }

  private long scrapesOf(MetricsServer server) {
    return publisher.all().stream().filter(s -> s.getInstance().equals(server.target())).count();
  }

  @Test
  void neverRunsMoreScrapesAtOnceThanAllowed() throws Exception {
    byte[] body = EngineFixtures.read("llamacpp");
    // Two jobs answered in 250 ms each need 500 ms of every 400 ms interval: their scrapes would
    // overlap
    // wherever their slots fall, unless the limit queues them.
    try (MetricsServer server = MetricsServer.serving(MetricsServer.delayed(250, body))) {
      List<StaticConfig> groups = List.of(new StaticConfig(List.of(server.target()), null));
      Duration interval = Duration.ofMillis(400);
      CollectorConfig config =
          new CollectorConfig(
              interval,
              interval,
              List.of(
                  new ScrapeConfig("first", null, null, null, null, groups),
                  new ScrapeConfig("second", null, null, null, null, groups)),
              1);
      try (Collector collector = new Collector(config, publisher)) {
        collector.start();
        for (int i = 0; i < 3; i++) {
          publisher.next(PATIENCE);
        }
      }
      assertEquals(1, server.maxInFlight());
      assertTrue(publisher.all().stream().anyMatch(s -> s.getJob().equals("second") && s.getUp()));
    }
  }

  @Test
  void closeStopsScrapingAndClosesThePublisher() throws Exception {
    try (MetricsServer server =
        MetricsServer.serving(MetricsServer.body(EngineFixtures.read("sglang")))) {
      Collector collector =
          new Collector(
              config(Duration.ofMillis(100), Duration.ofMillis(100), null, server.target()),
              publisher);
      collector.start();
      publisher.next(PATIENCE);
      collector.close();
      int published = publisher.all().size();
      Thread.sleep(300);

      assertTrue(publisher.closed());
      assertEquals(published, publisher.all().size());
      assertEquals(published, collector.scrapesCompleted() + collector.scrapesFailed());
      assertThrows(IllegalStateException.class, collector::start);
    }
  }
}
