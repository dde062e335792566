package io.fleetpulse.simulator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleetpulse.schemas.contract.EngineName;
import org.junit.jupiter.api.Test;

class LabelExplosionTest {

  @Test
  void anOpenMetricsPageKeepsItsEofLast() {
    LabelExplosion explosion = new LabelExplosion(EngineName.VLLM);
    explosion.setSeries(2);
    StringBuilder page = new StringBuilder("# TYPE up gauge\nup 1\n# EOF\n");

    explosion.addTo(page);

    assertEquals(
        "# TYPE up gauge\nup 1\n"
            + "# HELP vllm:request_info One series per request.\n"
            + "# TYPE vllm:request_info gauge\n"
            + "vllm:request_info{request_id=\"req-0\"} 1\n"
            + "vllm:request_info{request_id=\"req-1\"} 1\n"
            + "# EOF\n",
        page.toString());
  }

  @Test
  void noExplosionLeavesThePageAsItIs() {
    StringBuilder page = new StringBuilder("up 1\n");
    new LabelExplosion(EngineName.VLLM).addTo(page);
    assertEquals("up 1\n", page.toString());
  }

  @Test
  void aNegativeCountIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new LabelExplosion(EngineName.VLLM).setSeries(-1));
  }
}
