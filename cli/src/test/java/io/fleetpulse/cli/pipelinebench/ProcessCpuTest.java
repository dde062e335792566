package io.fleetpulse.cli.pipelinebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void userAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
    String stat =
        "4242 (prom (x) 1) S 1 4242 4242 0 -1 4194560 9000 0 3 0 1234 66 0 0 20 0 12 0 5000 1 2";

    assertEquals((1234 + 66) * 10_000_000L, ProcessCpu.nanosOf(stat));
  }

  @Test
  void thisProcessHasUsedSomeCpu() throws Exception {
    assertTrue(ProcessCpu.nanos(ProcessHandle.current().pid()) > 0);
  }
}
