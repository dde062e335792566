package io.fleetpulse.collector.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.config.RelabelConfig;
import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FamilyFilterTest {

  private static MetricFamily family(String name) {
    return new MetricFamily(name, MetricType.GAUGE, null, List.of(), List.of());
  }

  @Test
  void regexesAreFullyAnchoredAsInPrometheus() {
    FamilyFilter keep = new FamilyFilter(List.of(RelabelConfig.keep("vllm:num_requests")));

    assertFalse(keep.keeps(family("vllm:num_requests_running")), "a regex is not a prefix");
    assertFalse(keep.keeps(family("x_vllm:num_requests")), "nor a substring");
    assertTrue(keep.keeps(family("vllm:num_requests")));
    assertTrue(
        new FamilyFilter(List.of(RelabelConfig.keep("a|b"))).keeps(family("b")),
        "alternatives are anchored as a whole");
  }

  @Test
  void aFamilySurvivesWhenEveryKeepMatchesAndNoDropDoes() {
    FamilyFilter filter =
        new FamilyFilter(List.of(RelabelConfig.keep("vllm:.*"), RelabelConfig.drop(".*_created")));

    assertEquals(
        List.of(family("vllm:prompt_tokens_total")),
        filter.apply(
            List.of(
                family("process_open_fds"),
                family("vllm:prompt_tokens_total"),
                family("vllm:prompt_tokens_created"))));
    assertEquals(
        List.of(family("x")),
        new FamilyFilter(List.of()).apply(List.of(family("x"))),
        "no rules keep all");
  }

  @Test
  void rulesWrittenForPrometheusSeriesNamesMatchTheirWholeFamily() {
    // OpenMetrics names a counter family without _total; its series keep it.
    MetricFamily counter =
        new MetricFamily(
            "vllm:generation_tokens",
            MetricType.COUNTER,
            null,
            List.of(new Sample("vllm:generation_tokens_total", Map.of(), 12.0, null)),
            List.of());
    MetricFamily histogram =
        new MetricFamily(
            "vllm:e2e_request_latency_seconds",
            MetricType.HISTOGRAM,
            null,
            List.of(),
            List.of(new Histogram(Map.of(), List.of(1.0), List.of(1.0, 2.0), 3.0, 2.0)));

    assertTrue(
        new FamilyFilter(List.of(RelabelConfig.keep("vllm:generation_tokens_total")))
            .keeps(counter));
    assertTrue(new FamilyFilter(List.of(RelabelConfig.keep(".*_bucket"))).keeps(histogram));
    assertFalse(
        new FamilyFilter(List.of(RelabelConfig.drop("vllm:e2e_request_latency_seconds_count")))
            .keeps(histogram),
        "dropping one series of a histogram drops all of it");
    assertFalse(new FamilyFilter(List.of(RelabelConfig.keep(".*_bucket"))).keeps(counter));
  }
}
