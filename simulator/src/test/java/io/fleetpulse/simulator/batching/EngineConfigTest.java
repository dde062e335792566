package io.fleetpulse.simulator.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

  @Test
  void zeroAndNullMeanDefaults() {
    EngineConfig config = new EngineConfig(0, 0, 0, 0, 0, null, null, null);
    assertEquals(EngineConfig.defaults(), config);
    assertEquals(256, config.maxNumSeqs());
    assertEquals(16, config.blockSize());
    assertEquals(Duration.ofMillis(15), config.stepBaseTime());
  }

  @Test
  void refusesAPoolTooSmallForOneLongestRequest() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new EngineConfig(0, 0, 100, 16, 8192, null, null, null));
    assertTrue(error.getMessage().contains("num_gpu_blocks"), error.getMessage());
  }

  @Test
  void refusesNegativeValues() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new EngineConfig(-1, 0, 0, 0, 0, null, null, null));
    assertTrue(error.getMessage().contains("max_num_seqs"), error.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new EngineConfig(0, 0, 0, 0, 0, Duration.ofMillis(-1), null, null));
  }
}
