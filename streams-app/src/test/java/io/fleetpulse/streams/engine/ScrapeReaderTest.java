package io.fleetpulse.streams.engine;

import static io.fleetpulse.streams.engine.CanonicalCounter.GENERATION_TOKENS;
import static io.fleetpulse.streams.engine.CanonicalCounter.PROMPT_TOKENS;
import static io.fleetpulse.streams.engine.CanonicalGauge.KV_CACHE_USAGE;
import static io.fleetpulse.streams.engine.CanonicalGauge.REQUESTS_RUNNING;
import static io.fleetpulse.streams.engine.CanonicalGauge.REQUESTS_WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.streams.Scrapes;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScrapeReaderTest {

  private final ScrapeReader reader = new ScrapeReader();

  @Test
  void readsEveryCanonicalSignalOfAVllmScrape() {
    Scrape scrape = Scrapes.vllm("c1", "a:8000", 0)
        .generation(0, 10).generation(1, 20).prompt(0, 30)
        .running(0, 3).running(1, 4).waiting(0, 1).waiting(1, 5)
        .kvUsage(0, 0.3).kvUsage(1, 0.8)
        .unrelated("http_requests_total", 77)
        .build();

    NodeReading reading = reader.read(scrape);

    assertEquals(Scrapes.MODEL, reading.model());
    assertEquals(Set.of(GENERATION_TOKENS + "=10.0", GENERATION_TOKENS + "=20.0", PROMPT_TOKENS + "=30.0"),
        reading.counters().stream().map(c -> c.counter() + "=" + c.value()).collect(Collectors.toSet()));
    assertEquals(Map.of(REQUESTS_RUNNING, 7.0, REQUESTS_WAITING, 6.0, KV_CACHE_USAGE, 0.8), reading.gauges());
  }

  @Test
  void theDeprecatedKvGaugeIsUsedOnlyWhenTheNewOneIsAbsent() {
    assertEquals(Map.of(KV_CACHE_USAGE, 0.4),
        reader.read(Scrapes.vllm("c1", "a:8000", 0).gpuCacheUsage(0, 0.4).build()).gauges());
    assertEquals(Map.of(KV_CACHE_USAGE, 0.5),
        reader.read(Scrapes.vllm("c1", "a:8000", 0).gpuCacheUsage(0, 0.4).kvUsage(0, 0.5).build()).gauges());
  }

  @Test
  void theModelComesFromTheTargetThenTheEngineThenIsUnknown() {
    assertEquals("target-model", reader.read(Scrapes.vllm("c1", "a:8000", 0)
        .targetLabel("model", "target-model").modelName("engine-model").running(0, 1).build()).model());
    assertEquals("engine-model",
        reader.read(Scrapes.vllm("c1", "a:8000", 0).modelName("engine-model").running(0, 1).build()).model());
    assertEquals(NodeReading.UNKNOWN_MODEL, reader.read(Scrapes.vllm("c1", "a:8000", 0).build()).model());
  }

  @Test
  void notANumberAndNegativeCounterSamplesAreLeftOut() {
    NodeReading reading = reader.read(Scrapes.vllm("c1", "a:8000", 0)
        .generation(0, Double.NaN).prompt(0, -5).running(0, Double.POSITIVE_INFINITY).build());

    assertTrue(reading.counters().isEmpty());
    assertTrue(reading.gauges().isEmpty());
  }

  @Test
  void anEngineWithoutAProfileProvidesNothing() {
    Scrape scrape = Scrapes.vllm("c1", "a:8000", 0).generation(0, 10).running(0, 2).build();
    scrape.setEngine("tgi");

    NodeReading reading = reader.read(scrape);

    assertTrue(reading.counters().isEmpty());
    assertTrue(reading.gauges().isEmpty());
    assertEquals(NodeReading.UNKNOWN_MODEL, reading.model());
  }

  @Test
  void seriesKeysSeparateLabelSetsThatWouldRunTogether() {
    CounterSample plain = new CounterSample(GENERATION_TOKENS, Map.of("a", "x\",b=\"y"), 1);
    CounterSample twoLabels = new CounterSample(GENERATION_TOKENS, Map.of("a", "x", "b", "y"), 1);

    assertNotEquals(plain.seriesKey(), twoLabels.seriesKey());
    assertEquals("generation_tokens{a=\"x\",b=\"y\"}", twoLabels.seriesKey());
  }
}
