package io.fleetpulse.streams.profile;

import static io.fleetpulse.streams.profile.CanonicalCounter.GENERATION_TOKENS;
import static io.fleetpulse.streams.profile.CanonicalCounter.PROMPT_TOKENS;
import static io.fleetpulse.streams.profile.CanonicalGauge.KV_CACHE_USAGE;
import static io.fleetpulse.streams.profile.CanonicalGauge.REQUESTS_RUNNING;
import static io.fleetpulse.streams.profile.CanonicalGauge.REQUESTS_WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.streams.Scrapes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScrapeReaderTest {

  private final ScrapeReader reader = new ScrapeReader();

  @Test
  void readsEveryCanonicalSignalOfAVllmScrape() {
    Scrape scrape =
        Scrapes.vllm("c1", "a:8000", 0)
            .generation(0, 10)
            .generation(1, 20)
            .prompt(0, 30)
            .running(0, 3)
            .running(1, 4)
            .waiting(0, 1)
            .waiting(1, 5)
            .kvUsage(0, 0.3)
            .kvUsage(1, 0.8)
            .unrelated("http_requests_total", 77)
            .build();

    NodeReading reading = reader.read(scrape);

    assertEquals(Scrapes.MODEL, reading.model());
    assertEquals(
        Set.of(GENERATION_TOKENS + "=10.0", GENERATION_TOKENS + "=20.0", PROMPT_TOKENS + "=30.0"),
        reading.counters().stream()
            .map(c -> c.counter() + "=" + c.value())
            .collect(Collectors.toSet()));
    assertEquals(
        Map.of(REQUESTS_RUNNING, 7.0, REQUESTS_WAITING, 6.0, KV_CACHE_USAGE, 0.8),
        reading.gauges());
  }

  @Test
  void theDeprecatedKvGaugeIsUsedOnlyWhenTheNewOneIsAbsent() {
    assertEquals(
        Map.of(KV_CACHE_USAGE, 0.4),
        reader.read(Scrapes.vllm("c1", "a:8000", 0).gpuCacheUsage(0, 0.4).build()).gauges());
    assertEquals(
        Map.of(KV_CACHE_USAGE, 0.5),
        reader
            .read(Scrapes.vllm("c1", "a:8000", 0).gpuCacheUsage(0, 0.4).kvUsage(0, 0.5).build())
            .gauges());
  }

  @Test
  void theModelComesFromTheTargetThenTheEngineThenIsUnknown() {
    assertEquals(
        "target-model",
        reader
            .read(
                Scrapes.vllm("c1", "a:8000", 0)
                    .targetLabel("model", "target-model")
                    .modelName("engine-model")
                    .running(0, 1)
                    .build())
            .model());
    assertEquals(
        "engine-model",
        reader
            .read(Scrapes.vllm("c1", "a:8000", 0).modelName("engine-model").running(0, 1).build())
            .model());
    assertEquals(
        NodeReading.UNKNOWN_MODEL, reader.read(Scrapes.vllm("c1", "a:8000", 0).build()).model());
  }

  @Test
  void notANumberAndNegativeCounterSamplesAreLeftOut() {
    NodeReading reading =
        reader.read(
            Scrapes.vllm("c1", "a:8000", 0)
                .generation(0, Double.NaN)
                .prompt(0, -5)
                .running(0, Double.POSITIVE_INFINITY)
                .build());

    assertTrue(reading.counters().isEmpty());
    assertTrue(reading.gauges().isEmpty());
  }

  @Test
  void anEngineWithoutAProfileProvidesNothing() {
    Scrape scrape = Scrapes.vllm("c1", "a:8000", 0).generation(0, 10).running(0, 2).build();
    scrape.setEngine("mystery-engine");

    NodeReading reading = reader.read(scrape);

    assertTrue(reading.counters().isEmpty());
    assertTrue(reading.gauges().isEmpty());
    assertEquals(NodeReading.UNKNOWN_MODEL, reading.model());
  }

  @Test
  void aRatioHalfWithoutItsPartnerIsLeftOutSoItCannotBiasTheFleetRatio() {
    NodeReading onlyQueries =
        reader.read(
            Scrapes.vllm("c1", "a:8000", 0)
                .generation(0, 10)
                .unrelated("vllm:prefix_cache_queries_total", 500)
                .build());
    NodeReading both =
        reader.read(
            Scrapes.vllm("c1", "a:8000", 0)
                .unrelated("vllm:prefix_cache_queries_total", 500)
                .unrelated("vllm:prefix_cache_hits_total", 100)
                .build());

    assertEquals(Set.of(GENERATION_TOKENS), counters(onlyQueries));
    assertEquals(
        Set.of(CanonicalCounter.PREFIX_CACHE_QUERIES, CanonicalCounter.PREFIX_CACHE_HITS),
        counters(both));
  }

  @Test
  void deprecatedNamesAreReadOnlyWhenTheirSuccessorsAreAbsent() {
    NodeReading old =
        reader.read(
            Scrapes.vllm("c1", "a:8000", 0)
                .unrelated("vllm:gpu_prefix_cache_queries_total", 500)
                .unrelated("vllm:gpu_prefix_cache_hits_total", 100)
                .histogram("vllm:time_per_output_token_seconds", 0, List.of(0.1), List.of(1.0, 1.0))
                .build());
    NodeReading both =
        reader.read(
            Scrapes.vllm("c1", "a:8000", 0)
                .histogram("vllm:inter_token_latency_seconds", 0, List.of(0.1), List.of(1.0, 1.0))
                .histogram("vllm:time_per_output_token_seconds", 0, List.of(0.1), List.of(1.0, 1.0))
                .build());

    assertEquals(
        Set.of("vllm:gpu_prefix_cache_queries_total", "vllm:gpu_prefix_cache_hits_total"),
        old.counters().stream().map(CounterSample::source).collect(Collectors.toSet()));
    assertEquals(
        List.of("vllm:time_per_output_token_seconds"),
        old.histograms().stream().map(HistogramSample::family).toList());
    assertEquals(
        List.of("vllm:inter_token_latency_seconds"),
        both.histograms().stream().map(HistogramSample::family).toList());
    assertEquals(CanonicalHistogram.INTER_TOKEN_LATENCY, both.histograms().get(0).histogram());
  }

  @Test
  void finishedRequestsAreCountedByTheOutcomeTheirLabelNames() {
    Scrape scrape =
        Scrapes.vllm("c1", "a:8000", 0)
            .gauge(
                "vllm:request_success_total", Map.of("engine", "0", "finished_reason", "stop"), 7)
            .gauge("vllm:request_success_total", Map.of("engine", "0"), 1)
            .build();

    assertEquals(
        Set.of("requests_finished/stop", "requests_finished/unknown"),
        reader.read(scrape).counters().stream()
            .map(CounterSample::key)
            .collect(Collectors.toSet()));
  }

  @Test
  void tensorParallelRanksRepeatingOneSchedulersNumbersCountOnce() {
    Scrape scrape =
        Scrapes.vllm("c1", "a:8000", 0)
            .gauge("sglang:num_running_reqs", Map.of("model_name", "m", "tp_rank", "0"), 5)
            .gauge("sglang:num_running_reqs", Map.of("model_name", "m", "tp_rank", "1"), 5)
            .gauge(
                "sglang:num_queue_reqs",
                Map.of("model_name", "m", "tp_rank", "0", "dp_rank", "0"),
                2)
            .gauge(
                "sglang:num_queue_reqs",
                Map.of("model_name", "m", "tp_rank", "1", "dp_rank", "0"),
                2)
            .gauge(
                "sglang:num_queue_reqs",
                Map.of("model_name", "m", "tp_rank", "0", "dp_rank", "1"),
                3)
            .build();
    scrape.setEngine("sglang");

    NodeReading reading = reader.read(scrape);

    assertEquals(Map.of(REQUESTS_RUNNING, 5.0, REQUESTS_WAITING, 5.0), reading.gauges());
    assertEquals("m", reading.model());
  }

  @Test
  void theModelIsFoundInHistogramLabelsToo() {
    assertEquals(
        "from-histogram",
        reader
            .read(
                Scrapes.vllm("c1", "a:8000", 0)
                    .modelName("from-histogram")
                    .histogram(
                        "vllm:e2e_request_latency_seconds", 0, List.of(1.0), List.of(0.0, 0.0))
                    .build())
            .model());
  }

  @Test
  void aHistogramOfTheWrongShapeIsLeftOut() {
    NodeReading reading =
        reader.read(
            Scrapes.vllm("c1", "a:8000", 0)
                .histogram(
                    "vllm:e2e_request_latency_seconds",
                    0,
                    List.of(1.0, 0.5),
                    List.of(0.0, 0.0, 0.0))
                .histogram("vllm:time_to_first_token_seconds", 0, List.of(1.0), List.of(0.0))
                .histogram(
                    "vllm:request_queue_time_seconds", 0, List.of(1.0), List.of(Double.NaN, 1.0))
                .build());

    assertTrue(reading.histograms().isEmpty());
  }

  @Test
  void seriesKeysSeparateLabelSetsThatWouldRunTogether() {
    CounterSample plain =
        new CounterSample(GENERATION_TOKENS, null, "g_total", Map.of("a", "x\",b=\"y"), 1);
    CounterSample twoLabels =
        new CounterSample(GENERATION_TOKENS, null, "g_total", Map.of("a", "x", "b", "y"), 1);

    assertNotEquals(plain.seriesKey(), twoLabels.seriesKey());
    assertEquals("generation_tokens|g_total{a=\"x\",b=\"y\"}", twoLabels.seriesKey());
  }

  private static Set<CanonicalCounter> counters(NodeReading reading) {
    return reading.counters().stream().map(CounterSample::counter).collect(Collectors.toSet());
  }
}
