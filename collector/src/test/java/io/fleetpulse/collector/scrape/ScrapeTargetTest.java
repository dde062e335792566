package io.fleetpulse.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeTargetTest {

  private static ScrapeJob resolvedJob(ScrapeConfig job) {
    return ScrapeJob.of(
        new CollectorConfig(Duration.ofSeconds(10), null, List.of(job)).scrapeConfigs().get(0));
  }

  private static ScrapeConfig job(
      String name,
      Duration interval,
      Duration timeout,
      String path,
      String scheme,
      Map<String, List<String>> params) {
    return new ScrapeConfig(
        name, interval, timeout, path, scheme, params, null, null, null, null, null, null, null,
        null);
  }

  @Test
  void everyTargetOfAGroupWithItsUrlLabelsAndTiming() {
    ScrapeJob vllm = resolvedJob(job("vllm", null, null, null, null, null));
    List<ScrapeTarget> targets =
        ScrapeTarget.of(
            vllm,
            new StaticConfig(
                List.of("10.0.0.1:8000", "10.0.0.2:8000"), Map.of("cluster", "eu", "zone", "a")));

    assertEquals(2, targets.size());
    ScrapeTarget second = targets.get(1);
    assertEquals("vllm", second.jobName());
    assertEquals("eu", second.cluster());
    assertEquals("10.0.0.2:8000", second.instance());
    assertEquals(URI.create("http://10.0.0.2:8000/metrics"), second.url());
    assertEquals(
        Map.of("cluster", "eu", "zone", "a", "job", "vllm", "instance", "10.0.0.2:8000"),
        second.labels());
    assertEquals(Duration.ofSeconds(10), second.interval());
    assertEquals(Duration.ofSeconds(4), second.timeout());

    ScrapeJob tgi =
        resolvedJob(
            job("tgi", Duration.ofSeconds(2), Duration.ofSeconds(1), "/stats", "https", null));
    ScrapeTarget ipv6 = ScrapeTarget.of(tgi, new StaticConfig(List.of("[::1]:3000"), null)).get(0);
    assertEquals("default", ipv6.cluster());
    assertEquals(URI.create("https://[::1]:3000/stats"), ipv6.url());
    assertEquals(Duration.ofSeconds(2), ipv6.interval());
    assertEquals(Duration.ofSeconds(1), ipv6.timeout());
  }

  @Test
  void paramsGoIntoTheQueryEncodedAndParamLabelsReplaceThem() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("model", List.of("qwen 2.5/7b"));
    params.put("format", List.of("a", "b&c"));
    ScrapeJob llama = resolvedJob(job("llama", null, null, null, null, params));
    ScrapeTarget plain = ScrapeTarget.of(llama, new StaticConfig(List.of("h:8080"), null)).get(0);
    assertEquals(
        "http://h:8080/metrics?model=qwen+2.5%2F7b&format=a&format=b%26c", plain.url().toString());

    ScrapeTarget overridden =
        ScrapeTarget.of(
                llama,
                new StaticConfig(
                    List.of("h:8080"),
                    Map.of(
                        "__param_model",
                        "llama",
                        "__metrics_path__",
                        "/router/metrics",
                        "__scheme__",
                        "https",
                        "cluster",
                        "lab")))
            .get(0);
    assertEquals("https", overridden.url().getScheme());
    assertEquals("/router/metrics", overridden.url().getPath());
    assertEquals(
        "https://h:8080/router/metrics?model=llama&format=a&format=b%26c",
        overridden.url().toString());
    assertEquals(
        Map.of("cluster", "lab", "job", "llama", "instance", "h:8080"),
        overridden.labels(),
        "labels starting with __ shape the URL and are not attached to the data");
  }

  @Test
  void targetsAreEqualWhenJobUrlAndLabelsAre() {
    ScrapeJob vllm = resolvedJob(job("vllm", null, null, null, null, null));
    StaticConfig group = new StaticConfig(List.of("h:1"), Map.of("cluster", "a"));

    assertEquals(ScrapeTarget.of(vllm, group), ScrapeTarget.of(vllm, group));
    assertNotEquals(
        ScrapeTarget.of(vllm, group),
        ScrapeTarget.of(vllm, new StaticConfig(List.of("h:1"), Map.of("cluster", "b"))));
  }
}
