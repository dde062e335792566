package io.fleetpulse.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorConfigTest {

  private static ScrapeConfig job(String name, Duration interval, Duration timeout) {
    return new ScrapeConfig(name, interval, timeout, null, null, null);
  }

  private static String error(Runnable build) {
    return assertThrows(IllegalArgumentException.class, build::run).getMessage();
  }

  @Test
  void defaults() {
    CollectorConfig config = CollectorConfig.defaults();

    assertEquals(Duration.ofSeconds(5), config.scrapeInterval());
    assertEquals(Duration.ofSeconds(4), config.scrapeTimeout());
    assertEquals(List.of(), config.scrapeConfigs());
    assertEquals(64, config.maxConcurrentScrapes());
  }

  @Test
  void jobsInheritIntervalAndTimeout() {
    CollectorConfig config =
        new CollectorConfig(
            Duration.ofSeconds(10),
            Duration.ofSeconds(3),
            List.of(
                job("inherits", null, null),
                job("own", Duration.ofSeconds(2), Duration.ofMillis(500))));

    ScrapeConfig inherits = config.scrapeConfigs().get(0);
    assertEquals(Duration.ofSeconds(10), inherits.scrapeInterval());
    assertEquals(Duration.ofSeconds(3), inherits.scrapeTimeout());
    ScrapeConfig own = config.scrapeConfigs().get(1);
    assertEquals(Duration.ofSeconds(2), own.scrapeInterval());
    assertEquals(Duration.ofMillis(500), own.scrapeTimeout());
  }

  @Test
  void inheritedTimeoutShrinksToAShorterJobInterval() {
    CollectorConfig config =
        new CollectorConfig(null, null, List.of(job("fast", Duration.ofSeconds(1), null)));

    assertEquals(Duration.ofSeconds(1), config.scrapeConfigs().get(0).scrapeTimeout());
  }

  @Test
  void defaultTimeoutShrinksToAShortGlobalInterval() {
    assertEquals(
        Duration.ofSeconds(2),
        new CollectorConfig(Duration.ofSeconds(2), null, null).scrapeTimeout());
  }

  @Test
  void timeoutLongerThanIntervalIsRefusedNamingTheJob() {
    assertEquals(
        "job \"vllm\": scrape_timeout 6s exceeds scrape_interval 5s",
        error(
            () ->
                new CollectorConfig(
                    null, null, List.of(job("vllm", null, Duration.ofSeconds(6))))));
    assertEquals(
        "job \"tgi\": scrape_timeout 3s exceeds scrape_interval 2s",
        error(() -> job("tgi", Duration.ofSeconds(2), Duration.ofSeconds(3))));
    assertEquals(
        "collector.scrape_timeout 1m exceeds scrape_interval 30s",
        error(() -> new CollectorConfig(Duration.ofSeconds(30), Duration.ofMinutes(1), null)));
  }

  @Test
  void refusesBadValues() {
    assertEquals(
        "job \"a\" is configured twice",
        error(
            () ->
                new CollectorConfig(
                    null, null, List.of(job("a", null, null), job("a", null, null)))));
    assertEquals(
        "collector.scrape_interval must be positive, got 0s",
        error(() -> new CollectorConfig(Duration.ZERO, null, null)));
    assertEquals(
        "collector.max_concurrent_scrapes must be at least 1, got 0",
        error(() -> new CollectorConfig(null, null, null, 0)));
  }

  @Test
  void scrapeConfigDefaultsAndRequiredName() {
    ScrapeConfig job = ScrapeConfig.defaults("vllm");

    assertEquals("/metrics", job.metricsPath());
    assertEquals("http", job.scheme());
    assertEquals(List.of(), job.staticConfigs());
    assertEquals("scrape_configs entry has no job_name", error(() -> ScrapeConfig.defaults(null)));
    assertEquals(
        "job \"x\": scheme \"ftp\" must be http or https",
        error(() -> new ScrapeConfig("x", null, null, null, "ftp", null)));
    assertEquals(
        "job \"x\": metrics_path \"metrics\" must start with /",
        error(() -> new ScrapeConfig("x", null, null, "metrics", null, null)));
  }

  @Test
  void staticConfigDefaultsClusterAndChecksTargets() {
    StaticConfig group =
        new StaticConfig(List.of("10.0.0.1:8000", "[::1]:9000", "node-a.local:80"), null);

    assertEquals("default", group.cluster());
    assertEquals(Map.of("cluster", "default"), group.labels());
    assertEquals("us-east", new StaticConfig(List.of(), Map.of("cluster", "us-east")).cluster());
    assertEquals(List.of(), StaticConfig.defaults().targets());
    for (String bad :
        new String[] {
          "10.0.0.1", "host:", ":80", "host:0", "host:99999", "::1:80", "http://h:80"
        }) {
      assertEquals(
          "target \"" + bad + "\" is not host:port (IPv6 hosts in brackets)",
          error(() -> new StaticConfig(List.of(bad), null)),
          bad);
    }
    assertEquals(
        "label name \"bad-name\" is not a valid label name",
        error(() -> new StaticConfig(List.of(), Map.of("bad-name", "x"))));
  }
}
