package io.fleetpulse.collector.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.collector.EngineFixtures;
import io.fleetpulse.collector.parse.TextFormatParser;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineDetectorTest {

  private final EngineDetector detector = new EngineDetector();

  private static MetricFamily family(String name) {
    return new MetricFamily(name, MetricType.GAUGE, null, List.of(), List.of());
  }

  @Test
  void detectsEachEngineFromItsFixture() throws Exception {
    TextFormatParser parser = new TextFormatParser();
    for (String engine : List.of("vllm", "tgi", "llamacpp", "sglang")) {
      assertEquals(engine, detector.detect(parser.parse(EngineFixtures.read(engine))), engine);
    }
  }

  @Test
  void firstKnownPrefixDecidesAndOthersAreUnknown() {
    assertEquals(
        "vllm",
        detector.detect(List.of(family("process_open_fds"), family("vllm:num_requests_running"))));
    assertEquals("unknown", detector.detect(List.of(family("node_load1"), family("vllmx_total"))));
    assertEquals("unknown", detector.detect(List.of()));
  }
}
