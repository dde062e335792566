package io.fleetpulse.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.scrape.ScrapeJob;
import io.fleetpulse.collector.scrape.ScrapeTarget;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetLedgerTest {

  private final CollectorMetrics metrics = new CollectorMetrics();
  private final TargetLedger ledger = new TargetLedger(100);
  private final List<ScrapeTarget> targets = targets("10.0.0.1:8000", "10.0.0.2:8000");
  private final ScrapeTarget a = targets.get(0);
  private final ScrapeTarget b = targets.get(1);

  private static List<ScrapeTarget> targets(String... addresses) {
    ScrapeConfig config = new ScrapeConfig("vllm", null, null, null, null, null);
    ScrapeJob job =
        ScrapeJob.of(new CollectorConfig(null, null, List.of(config)).scrapeConfigs().get(0));
    return ScrapeTarget.of(job, new StaticConfig(List.of(addresses), Map.of("cluster", "us-east")));
  }

  private String exposition() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theSeriesOfAllTargetsTogetherStayWithinTheBudget() {
    ledger.setTargets("vllm", targets);

    assertTrue(ledger.admit(a, 60));
    assertFalse(ledger.admit(b, 41), "60 + 41 is over 100");
    assertEquals(60, ledger.totalSeries());
    assertTrue(ledger.admit(b, 40));
    assertTrue(ledger.admit(a, 50), "a's new scrape replaces its old one");
    assertEquals(90, ledger.totalSeries());

    ledger.finished(a, false);
    assertEquals(40, ledger.totalSeries(), "a down scrape holds no series");
    ledger.setTargets("vllm", List.of(a));
    assertEquals(0, ledger.totalSeries(), "a target that left its job holds none");
  }

  @Test
  void everyTargetHasItsUpAndAgeGaugesFromTheStartAndLosesThemWhenItLeaves() throws IOException {
    metrics.showTargets(ledger);
    ledger.setTargets("vllm", targets);
    String labelsOfA = "{cluster=\"us-east\",instance=\"10.0.0.1:8000\",job=\"vllm\"}";
    assertTrue(
        exposition().contains("fleetpulse_collector_target_up" + labelsOfA + " 0.0"),
        this::safeExposition);
    assertFalse(
        exposition().contains("fleetpulse_collector_target_last_scrape_age_seconds" + labelsOfA));

    ledger.finished(a, true);
    String page = exposition();
    assertTrue(page.contains("fleetpulse_collector_target_up" + labelsOfA + " 1.0"), page);
    assertTrue(
        page.contains("fleetpulse_collector_target_last_scrape_age_seconds" + labelsOfA), page);

    ledger.setTargets("vllm", List.of(b));
    assertFalse(exposition().contains(labelsOfA));
  }

  private String safeExposition() {
    try {
      return exposition();
    } catch (IOException e) {
      return e.toString();
    }
  }
}
