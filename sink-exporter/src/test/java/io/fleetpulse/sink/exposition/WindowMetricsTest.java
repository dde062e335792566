package io.fleetpulse.sink.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.LatencyTotal;
import io.fleetpulse.sink.LatestWindows;
import io.fleetpulse.sink.TestWindows;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The analytics families of the exported-metric table, as they appear on /metrics. */
class WindowMetricsTest {

  private static final Instant END = Instant.parse("2026-01-01T00:00:10Z");

  @Test
  void latencyQuantilesAreSummariesPerFamilyAndSourceWithCountAndSumWhereKnownAndNaNIsLeftOut() {
    FleetWindow cluster =
        TestWindows.window("cluster", "10s", END)
            .setCluster("us-east")
            .setLatency(
                List.of(
                    new LatencyQuantile("time_to_first_token", "histogram", 0.5, 0.21),
                    new LatencyQuantile("time_to_first_token", "histogram", 0.99, 0.42),
                    new LatencyQuantile("time_to_first_token", "events", 0.99, 0.405),
                    new LatencyQuantile("time_to_first_token", "events", 0.99, 0.5),
                    new LatencyQuantile("queue_time", "histogram", 0.9, Double.NaN),
                    new LatencyQuantile("e2e_request_latency", "events", 0.95, 7.5),
                    new LatencyQuantile("e2e_request_latency", "made_up", 0.95, 7.5),
                    new LatencyQuantile("inter_token_latency", "histogram", 0.5, 0.025)))
            .setLatencyTotals(
                List.of(
                    new LatencyTotal("time_to_first_token", "histogram", 120.4, 30.5),
                    new LatencyTotal("time_to_first_token", "events", 118.0, null)))
            .build();

    List<String> lines = scrape(cluster);

    assertFamily(
        lines,
        "fleetpulse_time_to_first_token_seconds",
        "fleetpulse_time_to_first_token_seconds{cluster=\"us-east\",scope=\"cluster\",source=\"events\","
            + "window=\"10s\",quantile=\"0.99\"} 0.405",
        "fleetpulse_time_to_first_token_seconds_count{cluster=\"us-east\",scope=\"cluster\",source=\"events\","
            + "window=\"10s\"} 118",
        "fleetpulse_time_to_first_token_seconds{cluster=\"us-east\",scope=\"cluster\",source=\"histogram\","
            + "window=\"10s\",quantile=\"0.5\"} 0.21",
        "fleetpulse_time_to_first_token_seconds{cluster=\"us-east\",scope=\"cluster\",source=\"histogram\","
            + "window=\"10s\",quantile=\"0.99\"} 0.42",
        "fleetpulse_time_to_first_token_seconds_count{cluster=\"us-east\",scope=\"cluster\",source=\"histogram\","
            + "window=\"10s\"} 120",
        "fleetpulse_time_to_first_token_seconds_sum{cluster=\"us-east\",scope=\"cluster\",source=\"histogram\","
            + "window=\"10s\"} 30.5");
    assertFamily(
        lines,
        "fleetpulse_e2e_request_latency_seconds",
        "fleetpulse_e2e_request_latency_seconds{cluster=\"us-east\",scope=\"cluster\",source=\"events\","
            + "window=\"10s\",quantile=\"0.95\"} 7.5");
    assertFamily(
        lines,
        "fleetpulse_inter_token_latency_seconds",
        "fleetpulse_inter_token_latency_seconds{cluster=\"us-east\",scope=\"cluster\",source=\"histogram\","
            + "window=\"10s\",quantile=\"0.5\"} 0.025");
    assertFamily(lines, "fleetpulse_queue_time_seconds");
    assertTrue(
        lines.contains("# TYPE fleetpulse_time_to_first_token_seconds summary"),
        String.join("\n", lines));
  }

  @Test
  void theEngineLabelIsExportedWhenTheWindowNamesAKnownEngine() {
    FleetWindow vllm =
        TestWindows.window("cluster", "10s", END)
            .setCluster("a")
            .setEngine("vllm")
            .setGenerationTokensPerSecond(1.0)
            .build();
    FleetWindow mixed =
        TestWindows.window("cluster", "10s", END)
            .setCluster("b")
            .setGenerationTokensPerSecond(2.0)
            .build();
    FleetWindow unknown =
        TestWindows.window("cluster", "10s", END)
            .setCluster("c")
            .setEngine("unknown")
            .setGenerationTokensPerSecond(3.0)
            .build();

    List<String> lines = scrape(vllm, mixed, unknown);

    assertFamily(
        lines,
        "fleetpulse_tokens_per_second",
        "fleetpulse_tokens_per_second{cluster=\"a\",direction=\"generation\",engine=\"vllm\",scope=\"cluster\","
            + "window=\"10s\"} 1.0",
        "fleetpulse_tokens_per_second{cluster=\"b\",direction=\"generation\",scope=\"cluster\",window=\"10s\"} 2.0",
        "fleetpulse_tokens_per_second{cluster=\"c\",direction=\"generation\",scope=\"cluster\",window=\"10s\"} 3.0");
  }

  @Test
  void requestsByOutcomePreemptionsHitRatioAndComputeTimeArePresentOnlyWhereKnown() {
    FleetWindow fleet =
        TestWindows.window("fleet", "1m", END)
            .setRequestsPerSecond(Map.of("stop", 12.5, "length", 0.5, "error", 0.0))
            .setPreemptionsPerSecond(0.25)
            .setPrefixCacheHitRatio(0.375)
            .setGenerationComputeSecondsPerToken(0.02)
            .build();
    FleetWindow tgiOnly = TestWindows.window("cluster", "1m", END).setCluster("tgi").build();

    List<String> lines = scrape(fleet, tgiOnly);

    assertFamily(
        lines,
        "fleetpulse_requests_per_second",
        "fleetpulse_requests_per_second{outcome=\"error\",scope=\"fleet\",window=\"1m\"} 0.0",
        "fleetpulse_requests_per_second{outcome=\"length\",scope=\"fleet\",window=\"1m\"} 0.5",
        "fleetpulse_requests_per_second{outcome=\"stop\",scope=\"fleet\",window=\"1m\"} 12.5");
    assertFamily(
        lines,
        "fleetpulse_preemptions_per_second",
        "fleetpulse_preemptions_per_second{scope=\"fleet\",window=\"1m\"} 0.25");
    assertFamily(
        lines,
        "fleetpulse_prefix_cache_hit_ratio",
        "fleetpulse_prefix_cache_hit_ratio{scope=\"fleet\",window=\"1m\"} 0.375");
    assertFamily(
        lines,
        "fleetpulse_generation_compute_seconds_per_token",
        "fleetpulse_generation_compute_seconds_per_token{scope=\"fleet\",window=\"1m\"} 0.02");
  }

  @Test
  void everyFamilyOfTheTableHasAUniqueNameAndAHelpText() {
    List<String> names = WindowMetrics.ALL.stream().map(WindowFamily::name).toList();

    assertEquals(names.size(), names.stream().distinct().count(), names.toString());
    for (WindowFamily metric : WindowMetrics.ALL) {
      assertTrue(
          metric.name().startsWith("fleetpulse_") && !metric.help().isBlank(), metric.name());
    }
    assertTrue(
        names.containsAll(
            List.of(
                "fleetpulse_requests_per_second",
                "fleetpulse_time_to_first_token_seconds",
                "fleetpulse_inter_token_latency_seconds",
                "fleetpulse_e2e_request_latency_seconds",
                "fleetpulse_queue_time_seconds",
                "fleetpulse_preemptions_per_second",
                "fleetpulse_prefix_cache_hit_ratio")));
  }

  private static List<String> scrape(FleetWindow... windows) {
    LatestWindows latest = new LatestWindows(Duration.ofMinutes(5));
    for (FleetWindow window : windows) {
      latest.offer(window);
    }
    FleetWindowCollector collector =
        new FleetWindowCollector(latest, WindowMetrics.ALL, Clock.fixed(END, ZoneOffset.UTC));
    return PrometheusTextFormatWriter.create().toDebugString(collector.collect()).lines().toList();
  }

  private static void assertFamily(List<String> lines, String family, String... expected) {
    List<String> samples =
        lines.stream()
            .filter(
                line ->
                    line.startsWith(family + "{")
                        || line.startsWith(family + "_count{")
                        || line.startsWith(family + "_sum{"))
            .toList();
    assertEquals(List.of(expected), samples);
  }
}
