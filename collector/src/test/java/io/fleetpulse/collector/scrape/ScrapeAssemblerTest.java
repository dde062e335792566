package io.fleetpulse.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.parse.ExpositionFormat;
import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Scrape;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScrapeAssemblerTest {

  private static final String GAUGES =
      "# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running 3\n"
          + "# TYPE vllm:generation_tokens counter\nvllm:generation_tokens_total 1200\n";

  private final CollectorMetrics metrics = new CollectorMetrics();
  private final ScrapeAssembler assembler = new ScrapeAssembler(metrics);
  private final ScrapeTarget target =
      Targets.target(Targets.job("vllm", Duration.ofSeconds(5)), "10.0.0.1:8000");

  @Test
  void aHistogramThatBreaksARuleIsDroppedAndCountedWhileTheScrapeStaysUpWithItsOtherFamilies()
      throws Exception {
    String decreasing =
        "# TYPE vllm:e2e_request_latency_seconds histogram\n"
            + "vllm:e2e_request_latency_seconds_bucket{le=\"1\"} 5\n"
            + "vllm:e2e_request_latency_seconds_bucket{le=\"+Inf\"} 3\n";

    Scrape scrape = up(GAUGES + decreasing, ExpositionFormat.PROMETHEUS_TEXT);

    assertTrue(scrape.getUp());
    assertEquals(List.of("vllm:num_requests_running", "vllm:generation_tokens"), names(scrape));
    assertEquals(1, dropped("unusable"));
    assertEquals(0, dropped("semantic"));
  }

  @Test
  void anOpenMetricsFamilyTheFormatRefusesIsCountedAsSemantic() throws Exception {
    String body =
        GAUGES.replace(
                "1200\n", "1200\n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n")
            + "# EOF\n";

    Scrape scrape = up(body, ExpositionFormat.OPENMETRICS_TEXT);

    assertEquals(List.of("vllm:num_requests_running", "vllm:generation_tokens"), names(scrape));
    assertEquals(1, dropped("semantic"));
  }

  @Test
  void everyReasonIsThereFromZeroOnceAJobWasScraped() throws Exception {
    up(GAUGES, ExpositionFormat.PROMETHEUS_TEXT);

    CounterSnapshot snapshot =
        (CounterSnapshot)
            metrics.registry().scrape().stream()
                .filter(
                    s -> s.getMetadata().getName().equals("fleetpulse_collector_families_dropped"))
                .findFirst()
                .orElseThrow();
    assertEquals(
        List.of("semantic", "unusable"),
        snapshot.getDataPoints().stream()
            .map(point -> point.getLabels().get("reason"))
            .sorted()
            .toList());
    assertTrue(snapshot.getDataPoints().stream().allMatch(point -> point.getValue() == 0));
  }

  @Test
  void aSyntaxErrorStillRefusesTheWholeScrape() {
    ExpositionParseException error =
        assertThrows(
            ExpositionParseException.class,
            () ->
                up(
                    GAUGES + "vllm:num_requests_waiting{engine=\"0} 1\n",
                    ExpositionFormat.PROMETHEUS_TEXT));

    assertEquals("line 5: unterminated value of label \"engine\"", error.getMessage());
  }

  private Scrape up(String body, ExpositionFormat format) throws ExpositionParseException {
    return assembler.up(
        target, Instant.EPOCH, 0.01, body.getBytes(StandardCharsets.UTF_8), format.contentType());
  }

  private double dropped(String reason) {
    return metrics.familiesDropped.labelValues("vllm", reason).get();
  }

  private static List<String> names(Scrape scrape) {
    return scrape.getFamilies().stream()
        .map(MetricFamily::getName)
        .map(CharSequence::toString)
        .toList();
  }
}
