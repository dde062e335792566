package io.fleetpulse.simulator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.simulator.batching.EngineConfig;
import io.fleetpulse.simulator.batching.FinishReason;
import io.fleetpulse.simulator.batching.FinishedRequest;
import io.fleetpulse.simulator.batching.StepReport;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {

  private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";
  private static final double STARTED = 1795835430.25;

  private static String render(NodeMetrics metrics) {
    StringBuilder out = new StringBuilder();
    metrics.render(out);
    return out.toString();
  }

  private static double sample(String page, String nameAndLabels) {
    Matcher line =
        Pattern.compile("^" + Pattern.quote(nameAndLabels) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(page);
    assertTrue(line.find(), "no sample " + nameAndLabels);
    return Double.parseDouble(line.group(1));
  }

  @Test
  void servesTheFixturesFamiliesWithTheirTypesAndHelpInTheSameOrder() {
    String page = render(new NodeMetrics(MODEL, EngineConfig.defaults(), STARTED));
    String fixture = EngineFixture.text();
    assertEquals(
        EngineFixture.linesStartingWith(fixture, "# TYPE "),
        EngineFixture.linesStartingWith(page, "# TYPE "));
    assertEquals(
        EngineFixture.linesStartingWith(fixture, "# HELP "),
        EngineFixture.linesStartingWith(page, "# HELP "));
  }

  @Test
  void servesTheFixturesSeriesWithTheSameLabelNamesAndBuckets() {
    String page = render(new NodeMetrics(MODEL, EngineConfig.defaults(), STARTED));
    assertEquals(
        EngineFixture.sampleShapes(EngineFixture.text()), EngineFixture.sampleShapes(page));
  }

  @Test
  void labelsAreInSortedOrderAsInTheFixture() {
    String page = render(new NodeMetrics(MODEL, EngineConfig.defaults(), STARTED));
    assertTrue(
        page.contains(
            "vllm:request_success_total{engine=\"0\",finished_reason=\"stop\",model_name=\""
                + MODEL
                + "\"} 0.0\n"));
    assertTrue(
        page.contains(
            "vllm:time_to_first_token_seconds_bucket{engine=\"0\",le=\"0.001\",model_name=\""
                + MODEL
                + "\"} 0.0\n"));
    assertTrue(
        page.contains(
            "vllm:generation_tokens_created{engine=\"0\",model_name=\""
                + MODEL
                + "\"} 1.79583543025e+09\n"));
    assertTrue(page.contains("process_start_time_seconds 1.79583543025e+09\n"));
  }

  @Test
  void engineEventsMoveTheMatchingSeries() {
    NodeMetrics metrics = new NodeMetrics(MODEL, EngineConfig.defaults(), STARTED);
    String labels = "{engine=\"0\",model_name=\"" + MODEL + "\"}";
    metrics.engineListener().schedulerState(14, 3, 0.25);
    metrics
        .engineListener()
        .stepFinished(new StepReport(0, 20_000, 12, 1012, 900, 256, 14, 1000, 256, 2));
    metrics.engineListener().requestPreempted();
    metrics.engineListener().firstToken(0.3);
    metrics
        .engineListener()
        .requestFinished(
            new FinishedRequest(
                FinishReason.LENGTH, 900, 512, 512, 644, 12.0, 0.5, 0.25, 11.25, 12_000_000));

    String page = render(metrics);

    assertEquals(14, sample(page, "vllm:num_requests_running" + labels));
    assertEquals(3, sample(page, "vllm:num_requests_waiting" + labels));
    assertEquals(0.25, sample(page, "vllm:kv_cache_usage_perc" + labels));
    assertEquals(14, sample(page, "vllm:generation_tokens_total" + labels));
    assertEquals(900, sample(page, "vllm:prompt_tokens_total" + labels));
    assertEquals(256, sample(page, "vllm:prompt_tokens_cached_total" + labels));
    assertEquals(1000, sample(page, "vllm:prefix_cache_queries_total" + labels));
    assertEquals(1, sample(page, "vllm:num_preemptions_total" + labels));
    assertEquals(
        1,
        sample(
            page,
            "vllm:request_success_total{engine=\"0\",finished_reason=\"length\",model_name=\""
                + MODEL
                + "\"}"));
    assertEquals(
        12,
        sample(page, "vllm:inter_token_latency_seconds_count" + labels),
        "one inter-token observation per decode token");
    assertEquals(0.24, sample(page, "vllm:inter_token_latency_seconds_sum" + labels), 1e-12);
    assertEquals(1, sample(page, "vllm:time_to_first_token_seconds_count" + labels));
    assertEquals(11.5, sample(page, "vllm:request_inference_time_seconds_sum" + labels));
    assertEquals(
        11.25 / 511,
        sample(page, "vllm:request_time_per_output_token_seconds_sum" + labels),
        1e-15);
    assertEquals(
        1,
        sample(
            page,
            "http_requests_total{handler=\"/v1/chat/completions\",method=\"POST\",status=\"2xx\"}"));
  }

  @Test
  void restartZeroesCountersAndStampsNewCreationTimes() {
    NodeMetrics metrics = new NodeMetrics(MODEL, EngineConfig.defaults(), STARTED);
    String labels = "{engine=\"0\",model_name=\"" + MODEL + "\"}";
    metrics.engineListener().stepFinished(new StepReport(0, 20_000, 1, 1, 0, 0, 1, 0, 0, 0));
    metrics.scrapeServed();

    metrics.restart(STARTED + 60);

    String page = render(metrics);
    assertEquals(0, sample(page, "vllm:generation_tokens_total" + labels));
    assertEquals(
        0, sample(page, "http_requests_total{handler=\"/metrics\",method=\"GET\",status=\"2xx\"}"));
    assertEquals(STARTED + 60, sample(page, "vllm:generation_tokens_created" + labels));
    assertEquals(STARTED + 60, sample(page, "process_start_time_seconds"));
    assertEquals(
        1,
        sample(
            page,
            "vllm:engine_sleep_state{engine=\"0\",model_name=\""
                + MODEL
                + "\",sleep_state=\"awake\"}"),
        "constant gauges survive a restart");
    List<String> zeroedHistogram =
        EngineFixture.linesStartingWith(page, "vllm:e2e_request_latency_seconds_count");
    assertEquals(
        List.of("vllm:e2e_request_latency_seconds_count" + labels + " 0.0"), zeroedHistogram);
  }
}
