package io.fleetpulse.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.collector.parse.ExpositionProblem;
import io.fleetpulse.collector.parse.ExpositionProblem.Severity;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DroppedFamilyLogTest {

  private final AtomicLong now = new AtomicLong();
  private final DroppedFamilyLog log = new DroppedFamilyLog(now::get);

  private static ExpositionProblem problem(String family, Severity severity) {
    return new ExpositionProblem(3, family, "bad", severity);
  }

  @Test
  void oneLinePerTargetAndReasonPerPeriod() {
    List<ExpositionProblem> both =
        List.of(
            problem("h", Severity.SEMANTIC),
            problem("k", Severity.UNUSABLE),
            problem("j", Severity.SEMANTIC));

    assertEquals(2, log.report("vllm a:1", both));
    assertEquals(0, log.report("vllm a:1", both));
    assertEquals(1, log.report("vllm b:1", List.of(problem("h", Severity.SEMANTIC))));

    now.addAndGet(DroppedFamilyLog.PERIOD.toNanos() - 1);
    assertEquals(0, log.report("vllm a:1", both));
    now.addAndGet(1);
    assertEquals(2, log.report("vllm a:1", both));
  }
}
