package io.fleetpulse.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeTargetTest {

  @Test
  void everyTargetOfEveryJobWithItsUrlLabelsAndTiming() {
    CollectorConfig config = new CollectorConfig(Duration.ofSeconds(10), null, List.of(
        new ScrapeConfig("vllm", null, null, null, null, List.of(
            new StaticConfig(List.of("10.0.0.1:8000", "10.0.0.2:8000"), Map.of("cluster", "eu", "zone", "a")))),
        new ScrapeConfig("tgi", Duration.ofSeconds(2), Duration.ofSeconds(1), "/stats", "https", List.of(
            new StaticConfig(List.of("[::1]:3000"), null)))));

    List<ScrapeTarget> targets = ScrapeTarget.allOf(config);

    assertEquals(3, targets.size());
    ScrapeTarget vllm = targets.get(1);
    assertEquals("vllm", vllm.job());
    assertEquals("eu", vllm.cluster());
    assertEquals("10.0.0.2:8000", vllm.instance());
    assertEquals(URI.create("http://10.0.0.2:8000/metrics"), vllm.url());
    assertEquals(Map.of("cluster", "eu", "zone", "a", "job", "vllm", "instance", "10.0.0.2:8000"), vllm.labels());
    assertEquals(Duration.ofSeconds(10), vllm.interval());
    assertEquals(Duration.ofSeconds(4), vllm.timeout());
    ScrapeTarget tgi = targets.get(2);
    assertEquals("default", tgi.cluster());
    assertEquals(URI.create("https://[::1]:3000/stats"), tgi.url());
    assertEquals(Duration.ofSeconds(2), tgi.interval());
    assertEquals(Duration.ofSeconds(1), tgi.timeout());
  }
}
