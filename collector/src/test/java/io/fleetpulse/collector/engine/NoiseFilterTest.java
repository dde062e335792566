package io.fleetpulse.collector.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.EngineFixtures;
import io.fleetpulse.collector.parse.TextFormatParser;
import io.fleetpulse.schemas.MetricFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseFilterTest {

  private final NoiseFilter filter = new NoiseFilter();

  @Test
  void dropsRuntimeProcessAndHttpFamiliesFromVllm() throws Exception {
    List<MetricFamily> families = filter.apply(new TextFormatParser().parse(EngineFixtures.read("vllm")));

    // 44 families less 3 python_gc_*, python_info, 6 process_* and http_requests_total.
    assertEquals(33, families.size());
    assertTrue(families.stream().allMatch(f -> f.getName().startsWith("vllm:")));
  }

  @Test
  void keepsNamesThatOnlyLookSimilar() {
    assertTrue(filter.isNoise("python_info"));
    assertTrue(filter.isNoise("http_request_duration_seconds"));
    assertFalse(filter.isNoise("python_information"));
    assertFalse(filter.isNoise("vllm:process_time"));
    assertFalse(filter.isNoise("tgi_request_count"));
  }
}
