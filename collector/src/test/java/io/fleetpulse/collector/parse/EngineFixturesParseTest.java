package io.fleetpulse.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.EngineFixtures;
import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.Sample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineFixturesParseTest {

  private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";

  private final TextFormatParser parser = new TextFormatParser();

  /**
   * Counted independently from the fixtures' lines: buckets include +Inf, {@code _created} gauges
   * are dropped.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "vllm,     44, 45, 15, 268",
    "tgi,      25, 23, 18, 1832",
    "llamacpp, 11, 11,  0, 0",
    "sglang,   16, 12,  4, 103",
  })
  void everyFamilySampleAndBucketOfEachEngine(
      String engine, int families, int samples, int histograms, int buckets) throws Exception {
    List<MetricFamily> parsed = parser.parse(EngineFixtures.read(engine));

    assertEquals(families, parsed.size());
    assertEquals(samples, parsed.stream().mapToInt(f -> f.getSamples().size()).sum());
    assertEquals(histograms, parsed.stream().mapToInt(f -> f.getHistograms().size()).sum());
    assertEquals(
        buckets,
        parsed.stream()
            .flatMap(f -> f.getHistograms().stream())
            .mapToInt(h -> h.getCumulativeCounts().size())
            .sum());
  }

  @Test
  void vllmKeepsEveryFamilyButTheCreatedTimestamps() throws Exception {
    List<MetricFamily> families = parser.parse(EngineFixtures.read("vllm"));

    assertEquals(44, families.size());
    assertTrue(families.stream().noneMatch(f -> f.getName().endsWith("_created")));
    MetricFamily generation = family(families, "vllm:generation_tokens_total");
    assertEquals(MetricType.COUNTER, generation.getType());
    assertEquals("Number of generation tokens processed.", generation.getHelp());
    Sample sample = generation.getSamples().get(0);
    assertEquals("vllm:generation_tokens_total", sample.getName());
    assertEquals(294700.0, sample.getValue());
    assertEquals(Map.of("engine", "0", "model_name", MODEL), sample.getLabels());
    assertNull(sample.getTimestampMs());
    assertEquals(1_194_695.0, single(families, "vllm:prefix_cache_queries_total").getValue());
    assertEquals(4, family(families, "vllm:request_success_total").getSamples().size());
  }

  @Test
  void vllmIterationTokensTotalIsAHistogramDespiteItsName() throws Exception {
    MetricFamily family =
        family(parser.parse(EngineFixtures.read("vllm")), "vllm:iteration_tokens_total");

    assertEquals(MetricType.HISTOGRAM, family.getType());
    assertTrue(family.getSamples().isEmpty());
    Histogram histogram = family.getHistograms().get(0);
    assertEquals(Map.of("engine", "0", "model_name", MODEL), histogram.getLabels());
    assertEquals(
        List.of(
            1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0),
        histogram.getBounds());
    assertEquals(14, histogram.getCumulativeCounts().size());
    assertEquals(17.0, histogram.getCumulativeCounts().get(0));
    assertEquals(5200.0, histogram.getCumulativeCounts().get(13));
    assertEquals(5200.0, histogram.getCount());
    assertEquals(10_849_872.0, histogram.getSum());
  }

  @Test
  void tgiCountersNamedLikeHistogramSuffixesStayCounters() throws Exception {
    List<MetricFamily> families = parser.parse(EngineFixtures.read("tgi"));

    assertEquals(25, families.size());
    MetricFamily requests = family(families, "tgi_request_count");
    assertEquals(MetricType.COUNTER, requests.getType());
    assertEquals(649.0, requests.getSamples().get(0).getValue());
    assertEquals(MetricType.COUNTER, family(families, "tgi_batch_inference_count").getType());
    assertNull(family(families, "tgi_request_failure").getHelp());
  }

  @Test
  void tgiHistogramsSplitByLabelSetAndSummaryKeepsItsSamples() throws Exception {
    List<MetricFamily> families = parser.parse(EngineFixtures.read("tgi"));

    MetricFamily batchNext = family(families, "tgi_batch_next_size");
    assertEquals(1024, batchNext.getHistograms().get(0).getBounds().size());
    MetricFamily inference = family(families, "tgi_batch_inference_duration");
    assertEquals(
        List.of(Map.of("method", "prefill"), Map.of("method", "decode")),
        inference.getHistograms().stream().map(Histogram::getLabels).toList());
    assertEquals(
        0.00015000000000000001,
        family(families, "tgi_request_duration").getHistograms().get(0).getBounds().get(0));

    MetricFamily skipped = family(families, "tgi_request_skipped_tokens");
    assertEquals(MetricType.SUMMARY, skipped.getType());
    assertEquals(9, skipped.getSamples().size());
    Sample count = skipped.getSamples().get(8);
    assertEquals("tgi_request_skipped_tokens_count", count.getName());
    assertEquals(640.0, count.getValue());
  }

  @Test
  void llamacppCountersAndGaugesIncludingGFormattedValues() throws Exception {
    List<MetricFamily> families = parser.parse(EngineFixtures.read("llamacpp"));

    assertEquals(11, families.size());
    assertEquals(MetricType.COUNTER, family(families, "llamacpp:n_tokens_max").getType());
    assertEquals(8.168, single(families, "llamacpp:prompt_seconds_total").getValue());
    assertEquals(17.5073, single(families, "llamacpp:prompt_tokens_seconds").getValue());
    assertEquals(Map.of(), single(families, "llamacpp:requests_deferred").getLabels());
    // %g turns a large counter into scientific notation with six significant digits.
    byte[] large =
        "# TYPE llamacpp:tokens_predicted_total counter\nllamacpp:tokens_predicted_total 1.23457e+06\n"
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(
        1_234_570.0, single(parser.parse(large), "llamacpp:tokens_predicted_total").getValue());
  }

  @Test
  void sglangHistogramWithAZeroBound() throws Exception {
    List<MetricFamily> families = parser.parse(EngineFixtures.read("sglang"));

    assertEquals(16, families.size());
    Histogram queueTime = family(families, "sglang:queue_time_seconds").getHistograms().get(0);
    assertEquals(0.0, queueTime.getBounds().get(0));
    assertEquals(queueTime.getBounds().size() + 1, queueTime.getCumulativeCounts().size());
    assertEquals(900.0, queueTime.getCount());
    assertEquals(183.51431448565705, queueTime.getSum());
    assertEquals(848_896.0, single(families, "sglang:prompt_tokens_total").getValue());
    assertFalse(
        families.stream().anyMatch(f -> f.getName().equals("sglang:prompt_tokens_created")));
  }

  static MetricFamily family(List<MetricFamily> families, String name) {
    return families.stream()
        .filter(f -> f.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no family " + name));
  }

  private static Sample single(List<MetricFamily> families, String name) {
    List<Sample> samples = family(families, name).getSamples();
    assertEquals(1, samples.size(), name);
    return samples.get(0);
  }
}
