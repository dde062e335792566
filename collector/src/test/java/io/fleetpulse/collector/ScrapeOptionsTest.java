package io.fleetpulse.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.config.Authorization;
import io.fleetpulse.collector.config.BasicAuth;
import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.RelabelConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Scrape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a job's scrape options do to the request a target receives and to the scrape that results.
 */
class ScrapeOptionsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(5);

  @TempDir Path dir;

  private final CollectorMetrics metrics = new CollectorMetrics();

  /** A job with only the given options set, scraping one target every second. */
  private record Job(
      String target,
      Map<String, List<String>> params,
      BasicAuth basicAuth,
      Authorization authorization,
      String bodySizeLimit,
      Integer sampleLimit,
      Integer labelLimit,
      List<RelabelConfig> relabel) {

    static Job of(String target) {
      return new Job(target, null, null, null, null, null, null, null);
    }

    CollectorConfig config() {
      StaticConfig group = new StaticConfig(List.of(target), Map.of("cluster", "us-east"));
      ScrapeConfig job =
          new ScrapeConfig(
              "engine",
              // A timeout long enough for the first, cold scrape on a busy machine.
              Duration.ofMillis(1000),
              Duration.ofMillis(900),
              null,
              null,
              params,
              basicAuth,
              authorization,
              List.of(group),
              null,
              bodySizeLimit,
              sampleLimit,
              labelLimit,
              relabel);
      return new CollectorConfig(null, null, List.of(job));
    }
  }

  /**
   * The first scrapes of a collector of its own (the metrics are shared by all of a test's
   * collectors).
   */
  private List<Scrape> scrapes(Job job, int count) throws InterruptedException {
    RecordingPublisher publisher = new RecordingPublisher();
    List<Scrape> scrapes = new ArrayList<>();
    try (Collector collector = new Collector(job.config(), publisher, metrics)) {
      collector.start();
      for (int i = 0; i < count; i++) {
        scrapes.add(publisher.next(PATIENCE));
      }
    }
    return scrapes;
  }

  private Scrape firstScrape(Job job) throws InterruptedException {
    return scrapes(job, 1).get(0);
  }

  private static MetricsServer serving(String engine) {
    return MetricsServer.serving(MetricsServer.body(EngineFixtures.read(engine)));
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void paramsReachTheTargetInTheQuery() throws Exception {
    try (MetricsServer server = serving("llamacpp")) {
      Job job =
          new Job(
              server.target(),
              Map.of("model", List.of("qwen2.5-7b")),
              null,
              null,
              null,
              null,
              null,
              null);
      assertTrue(firstScrape(job).getUp());

      assertEquals("/metrics", server.requestUris().get(0).getPath());
      assertEquals("model=qwen2.5-7b", server.requestUris().get(0).getRawQuery());
    }
  }

  @Test
  void basicAuthSendsUsernameAndPasswordInlineOrFromAFile() throws Exception {
    Path passwordFile = Files.writeString(dir.resolve("password"), "s3cret\n");
    try (MetricsServer server = serving("llamacpp")) {
      firstScrape(
          new Job(
              server.target(),
              null,
              new BasicAuth("fleet", "inline", null),
              null,
              null,
              null,
              null,
              null));
      firstScrape(
          new Job(
              server.target(),
              null,
              new BasicAuth("fleet", null, passwordFile.toString()),
              null,
              null,
              null,
              null,
              null));

      assertEquals(basic("fleet:inline"), server.requestHeaders().get(0).getFirst("Authorization"));
      assertEquals(
          basic("fleet:s3cret"),
          server.requestHeaders().get(1).getFirst("Authorization"),
          "the file's trailing newline is not part of the password");
    }
  }

  @Test
  void redirectsAreFollowedButCredentialsNeverLeaveTheTargetsOrigin() throws Exception {
    byte[] body = EngineFixtures.read("llamacpp");
    BasicAuth auth = new BasicAuth("fleet", "s3cret", null);
    try (MetricsServer elsewhere = serving("llamacpp");
        MetricsServer away =
            MetricsServer.serving(
                MetricsServer.redirecting(
                    "http://" + elsewhere.target() + "/metrics?moved=1", body));
        MetricsServer here =
            MetricsServer.serving(MetricsServer.redirecting("/metrics?moved=1", body))) {
      Scrape redirectedAway =
          firstScrape(new Job(away.target(), null, auth, null, null, null, null, null));
      Scrape redirectedHere =
          firstScrape(new Job(here.target(), null, auth, null, null, null, null, null));

      assertTrue(redirectedAway.getUp(), redirectedAway::getError);
      assertEquals(basic("fleet:s3cret"), away.requestHeaders().get(0).getFirst("Authorization"));
      assertEquals("moved=1", elsewhere.requestUris().get(0).getRawQuery());
      assertNull(
          elsewhere.requestHeaders().get(0).getFirst("Authorization"),
          "another origin gets no credentials");
      assertTrue(redirectedHere.getUp(), redirectedHere::getError);
      assertEquals(
          basic("fleet:s3cret"),
          here.requestHeaders().get(1).getFirst("Authorization"),
          "the same origin keeps them");
    }
  }

  @Test
  void bearerCredentialsFromAFileFollowItsRotation() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), "first-token");
    RecordingPublisher publisher = new RecordingPublisher();
    try (MetricsServer server = serving("llamacpp");
        Collector collector =
            new Collector(
                new Job(
                        server.target(),
                        null,
                        null,
                        new Authorization(null, null, tokenFile.toString()),
                        null,
                        null,
                        null,
                        null)
                    .config(),
                publisher)) {
      collector.start();
      publisher.next(PATIENCE);
      Files.writeString(tokenFile, "rotated-token-2");
      while (server.requestHeaders().stream()
          .noneMatch(
              headers -> "Bearer rotated-token-2".equals(headers.getFirst("Authorization")))) {
        publisher.next(PATIENCE);
      }
      assertEquals("Bearer first-token", server.requestHeaders().get(0).getFirst("Authorization"));
    }
  }

  @Test
  void authorizationTypeAndInlineCredentials() throws Exception {
    try (MetricsServer server = serving("llamacpp")) {
      firstScrape(
          new Job(
              server.target(),
              null,
              null,
              new Authorization("Token", "abc", null),
              null,
              null,
              null,
              null));

      assertEquals("Token abc", server.requestHeaders().get(0).getFirst("Authorization"));
    }
  }

  @Test
  void anUnreadableCredentialsFileFailsTheScrapeNamingTheFile() throws Exception {
    Path missing = dir.resolve("missing-token");
    try (MetricsServer server = serving("llamacpp")) {
      Scrape scrape =
          firstScrape(
              new Job(
                  server.target(),
                  null,
                  null,
                  new Authorization(null, null, missing.toString()),
                  null,
                  null,
                  null,
                  null));

      assertFalse(scrape.getUp());
      assertTrue(scrape.getError().startsWith("cannot read " + missing), scrape.getError());
      assertTrue(server.arrivals().isEmpty(), "no request without its credentials");
      assertTrue(metrics.scrapeFailures.labelValues("engine", "other").get() >= 1);
    }
  }

  @Test
  void aBodyOverTheSizeLimitFailsTheScrape() throws Exception {
    try (MetricsServer server = serving("vllm")) {
      Scrape scrape =
          firstScrape(new Job(server.target(), null, null, null, "1KB", null, null, null));

      assertFalse(scrape.getUp());
      assertEquals("body_size_limit exceeded (more than 1024 bytes)", scrape.getError());
      assertEquals(List.of(), scrape.getFamilies());
      assertTrue(metrics.scrapeFailures.labelValues("engine", "limit").get() >= 1);
    }
  }

  @Test
  void theSizeLimitAppliesToTheDecompressedBody() throws Exception {
    // About 5 KB on the wire, 52 KB once decompressed.
    try (MetricsServer server =
        MetricsServer.serving(MetricsServer.gzipped(EngineFixtures.read("vllm")))) {
      Scrape scrape =
          firstScrape(new Job(server.target(), null, null, null, "8KB", null, null, null));

      assertFalse(scrape.getUp());
      assertEquals("body_size_limit exceeded (more than 8192 bytes)", scrape.getError());
    }
  }

  @Test
  void sampleLimitCountsKeptSamplesAndFailsAboveIt() throws Exception {
    // llama.cpp exposes 11 families of one sample each.
    try (MetricsServer server = serving("llamacpp")) {
      Scrape atLimit =
          firstScrape(new Job(server.target(), null, null, null, null, 11, null, null));
      Scrape over = firstScrape(new Job(server.target(), null, null, null, null, 10, null, null));

      assertTrue(atLimit.getUp(), atLimit::getError);
      assertFalse(over.getUp());
      assertEquals("sample_limit exceeded (samples: 11, limit: 10)", over.getError());
    }
  }

  @Test
  void labelLimitCountsNameAndTargetLabelsAndFailsAboveIt() throws Exception {
    // No labels of its own: __name__ plus cluster, job and instance.
    try (MetricsServer server = serving("llamacpp")) {
      Scrape atLimit = firstScrape(new Job(server.target(), null, null, null, null, null, 4, null));
      Scrape over = firstScrape(new Job(server.target(), null, null, null, null, null, 3, null));

      assertTrue(atLimit.getUp(), atLimit::getError);
      assertFalse(over.getUp());
      assertEquals(
          "label_limit exceeded (metric: llamacpp:prompt_tokens_total, number of labels: 4, limit: 3)",
          over.getError());
    }
  }

  @Test
  void metricRelabelConfigsReplaceTheEngineDefault() throws Exception {
    try (MetricsServer server = serving("vllm")) {
      Scrape kept =
          firstScrape(
              new Job(
                  server.target(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  List.of(
                      RelabelConfig.keep("vllm:num_requests_.*|vllm:generation_tokens_total"))));
      Scrape dropped =
          firstScrape(
              new Job(
                  server.target(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  List.of(RelabelConfig.drop("vllm:.*"), RelabelConfig.drop("python_gc_.*"))));

      assertEquals(
          Set.of(
              "vllm:num_requests_running",
              "vllm:num_requests_waiting",
              "vllm:generation_tokens_total"),
          names(kept));
      assertEquals(
          Set.of(
              "python_info",
              "process_virtual_memory_bytes",
              "process_resident_memory_bytes",
              "process_start_time_seconds",
              "process_cpu_seconds_total",
              "process_open_fds",
              "process_max_fds",
              "http_requests_total"),
          names(dropped),
          "with its own rules a job keeps what the engine default would drop");
      assertEquals(
          "vllm", dropped.getEngine(), "the engine is told from everything the target served");
    }
  }

  @Test
  void scrapesAreCountedInTheCollectorMetrics() throws Exception {
    byte[] body = EngineFixtures.read("llamacpp");
    try (MetricsServer server = serving("llamacpp")) {
      scrapes(Job.of(server.target()), 2);
    }
    try (MetricsServer broken = MetricsServer.serving(MetricsServer.status(503))) {
      firstScrape(Job.of(broken.target()));
    }

    // A collector may fire once more before it closes, so count what each up scrape adds.
    double upScrapes = metrics.samplesScraped.labelValues("engine").get() / 11;
    assertTrue(upScrapes >= 2, "samples of " + upScrapes + " scrapes");
    assertEquals(upScrapes * body.length, metrics.bytesScraped.labelValues("engine").get());
    double failures = metrics.scrapeFailures.labelValues("engine", "http_status").get();
    assertTrue(failures >= 1);
    assertEquals(upScrapes + failures, metrics.scrapeDuration.labelValues("engine").getCount());
    assertTrue(metrics.scheduleLag.getCount() >= upScrapes + failures);
  }

  private static Set<String> names(Scrape scrape) {
    return scrape.getFamilies().stream().map(MetricFamily::getName).collect(Collectors.toSet());
  }
}
