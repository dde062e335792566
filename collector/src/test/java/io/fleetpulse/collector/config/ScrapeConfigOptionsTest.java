package io.fleetpulse.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeConfigOptionsTest {

  private static String error(Runnable build) {
    return assertThrows(IllegalArgumentException.class, build::run).getMessage();
  }

  private static ScrapeConfig withLimits(
      String name, String bodySizeLimit, Integer sampleLimit, Integer labelLimit) {
    return new ScrapeConfig(
        name,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        bodySizeLimit,
        sampleLimit,
        labelLimit,
        null);
  }

  @Test
  void jobsInheritTheCollectorWideLimitsUnlessTheySetTheirOwn() {
    CollectorConfig config =
        new CollectorConfig(
            null,
            null,
            List.of(withLimits("inherits", null, null, null), withLimits("own", "1MB", 0, 40)),
            null,
            "10MB",
            5_000,
            30);

    ScrapeConfig inherits = config.scrapeConfigs().get(0);
    assertEquals(10L << 20, inherits.bodySizeLimitBytes());
    assertEquals(5_000, inherits.sampleLimit());
    assertEquals(30, inherits.labelLimit());
    ScrapeConfig own = config.scrapeConfigs().get(1);
    assertEquals(1L << 20, own.bodySizeLimitBytes());
    assertEquals(0, own.sampleLimit(), "0 lifts the collector-wide limit for this job");
    assertEquals(40, own.labelLimit());
  }

  @Test
  void limitsAreOnByDefault() {
    CollectorConfig defaults = CollectorConfig.defaults();

    assertEquals("50MB", defaults.bodySizeLimit());
    assertEquals(100_000, defaults.sampleLimit());
    assertEquals(64, defaults.labelLimit());
    assertEquals(2_000_000, defaults.maxSeries());
    assertEquals(
        50L << 20,
        new CollectorConfig(null, null, List.of(ScrapeConfig.defaults("j")))
            .scrapeConfigs()
            .get(0)
            .bodySizeLimitBytes());
  }

  @Test
  void sizesReadAsPrometheusReadsThem() {
    assertEquals(0, ByteSize.parse("0", "x"));
    assertEquals(512, ByteSize.parse("512B", "x"));
    assertEquals(1024, ByteSize.parse("1KB", "x"));
    assertEquals(1024, ByteSize.parse("1KiB", "x"));
    assertEquals(10L << 20, ByteSize.parse("10MB", "x"));
    assertEquals(10L << 20, ByteSize.parse("10MiB", "x"));
    assertEquals(2L << 30, ByteSize.parse("2GB", "x"));
    assertEquals(1L << 40, ByteSize.parse("1TiB", "x"));
    assertEquals(
        "job \"j\": body_size_limit \"10 megabytes\" is not a size such as 512KB, 10MB or 1GiB",
        error(() -> withLimits("j", "10 megabytes", null, null)));
    assertEquals(
        "collector.body_size_limit \"1024\" is not a size such as 512KB, 10MB or 1GiB",
        error(() -> new CollectorConfig(null, null, null, null, "1024", null, null)));
    assertEquals(
        "x \"99999999999TB\" is too large", error(() -> ByteSize.parse("99999999999TB", "x")));
  }

  @Test
  void negativeLimitsAreRefused() {
    assertEquals(
        "job \"j\": sample_limit must be 0 (no limit) or more, got -1",
        error(() -> withLimits("j", null, -1, null)));
    assertEquals(
        "collector.label_limit must be 0 (no limit) or more, got -5",
        error(() -> new CollectorConfig(null, null, null, null, null, null, -5)));
  }

  @Test
  void authenticationIsBasicAuthOrAuthorizationNotBoth() {
    assertEquals(
        "job \"j\": at most one of basic_auth and authorization must be set",
        error(
            () ->
                new ScrapeConfig(
                    "j",
                    null,
                    null,
                    null,
                    null,
                    null,
                    new BasicAuth("u", "p", null),
                    new Authorization(null, "t", null),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)));
    assertEquals(
        "basic_auth: at most one of password and password_file must be set",
        error(() -> new BasicAuth("u", "p", "/run/secrets/p")));
    assertEquals("basic_auth needs a username", error(() -> new BasicAuth(null, "p", null)));
    assertEquals(
        "authorization: at most one of credentials and credentials_file must be set",
        error(() -> new Authorization(null, "t", "/run/secrets/t")));
    assertEquals(
        "authorization needs credentials or credentials_file",
        error(() -> new Authorization(null, null, null)));
    assertEquals(
        "authorization type cannot be Basic, use basic_auth instead",
        error(() -> new Authorization("basic", "t", null)));
    assertEquals("Bearer", new Authorization(null, "t", null).type());
  }

  @Test
  void secretsNeverShowInAConfigPrintedOrLogged() {
    String printed =
        new ScrapeConfig(
                "j",
                null,
                null,
                null,
                null,
                null,
                new BasicAuth("u", "hunter2", null),
                null,
                null,
                null,
                null,
                null,
                null,
                null)
            + " "
            + new Authorization(null, "tok-123", null);

    assertEquals(false, printed.contains("hunter2") || printed.contains("tok-123"), printed);
    assertEquals(
        true,
        printed.contains("password=<secret>") && printed.contains("credentials=<secret>"),
        printed);
  }

  @Test
  void fileSdPatternsAreTargetFilesWithWildcardsOnlyInTheirName() {
    FileSdConfig config =
        new FileSdConfig(List.of("targets/*.json", "/etc/fleetpulse/vllm.yml", "a.YAML"), null);

    assertEquals(Duration.ofMinutes(5), config.refreshInterval());
    for (String bad : new String[] {"targets/*.txt", "targets/*", "*/vllm.json", "tar?ets/a.yml"}) {
      assertEquals(
          "file_sd_configs file \""
              + bad
              + "\" must end in .json, .yml or .yaml, with wildcards only in its last path segment",
          error(() -> new FileSdConfig(List.of(bad), null)),
          bad);
    }
    assertEquals(
        "file_sd_configs entry lists no files", error(() -> new FileSdConfig(List.of(), null)));
    assertEquals(
        "file_sd_configs refresh_interval must be positive, got 0s",
        error(() -> new FileSdConfig(List.of("a.json"), Duration.ZERO)));
  }

  @Test
  void relabelRulesKeepOrDropByName() {
    RelabelConfig rule = new RelabelConfig(List.of("__name__"), null, "Keep");

    assertEquals("(.*)", rule.regex());
    assertEquals(RelabelConfig.Action.KEEP, rule.parsedAction());
    assertEquals(
        "metric_relabel_configs: action must be keep or drop, got \"replace\"",
        error(() -> new RelabelConfig(List.of("__name__"), "x", "replace")));
    assertEquals(
        "metric_relabel_configs: action must be keep or drop, got none",
        error(() -> new RelabelConfig(List.of("__name__"), "x", null)));
    assertEquals(
        "metric_relabel_configs: source_labels must be [__name__] (families are kept or dropped by name),"
            + " got [job]",
        error(() -> new RelabelConfig(List.of("job"), "x", "drop")));
    assertEquals(
        "metric_relabel_configs: regex \"vllm:(\" is invalid: Unclosed group",
        error(() -> RelabelConfig.keep("vllm:(")));
  }

  @Test
  void aJobWithoutRelabelRulesUsesItsEngineDefaultAndParamsAreChecked() {
    assertNull(ScrapeConfig.defaults("j").metricRelabelConfigs());
    assertEquals(Map.of(), ScrapeConfig.defaults("j").params());
    assertEquals(
        "job \"j\": params.model contains an empty entry",
        error(
            () ->
                new ScrapeConfig(
                    "j",
                    null,
                    null,
                    null,
                    null,
                    Map.of("model", Arrays.asList("a", null)),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)));
  }

  @Test
  void groupLabelsThatShapeTheUrlAreChecked() {
    assertEquals(
        "label __scheme__ \"ftp\" must be http or https",
        error(() -> new StaticConfig(List.of("h:1"), Map.of("__scheme__", "ftp"))));
    assertEquals(
        "label __metrics_path__ \"metrics\" must start with /",
        error(() -> new StaticConfig(List.of("h:1"), Map.of("__metrics_path__", "metrics"))));
  }
}
