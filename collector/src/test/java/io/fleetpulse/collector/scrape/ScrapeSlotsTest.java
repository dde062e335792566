package io.fleetpulse.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ScrapeSlotsTest {

  private final ScrapeJob vllm = Targets.job("vllm", Duration.ofSeconds(5));

  @Test
  void aTargetsSlotDependsOnlyOnTheTargetAndRepeatsEveryInterval() {
    ScrapeTarget target = Targets.target(vllm, "10.0.0.7:8000");
    long phase = ScrapeSlots.phaseMillis(target);

    assertEquals(
        phase,
        ScrapeSlots.phaseMillis(
            Targets.target(Targets.job("vllm", Duration.ofSeconds(5)), "10.0.0.7:8000")),
        "a restarted collector, or one with other targets, keeps the slot");
    assertTrue(phase >= 0 && phase < 5_000);
    long now = 1_700_000_000_000L;
    long delay = ScrapeSlots.millisUntilNextSlot(target, now);
    assertTrue(delay >= 0 && delay < 5_000);
    assertEquals(phase, Math.floorMod(now + delay, 5_000L), "slots are pinned to the wall clock");
    assertEquals(0, ScrapeSlots.millisUntilNextSlot(target, now + delay));
    assertEquals(4_999, ScrapeSlots.millisUntilNextSlot(target, now + delay + 1));
    assertNotEquals(
        phase,
        ScrapeSlots.phaseMillis(
            Targets.target(Targets.job("tgi", Duration.ofSeconds(5)), "10.0.0.7:8000")),
        "the same address in another job has a slot of its own");
  }

  @Test
  void thousandsOfNeighbouringTargetsSpreadEvenlyOverTheInterval() {
    int targets = 2_000;
    int[] perTenth = new int[10];
    for (int i = 0; i < targets; i++) {
      perTenth[
          (int)
              (ScrapeSlots.phaseMillis(Targets.target(vllm, "127.0.0.1:" + (30_000 + i))) / 500)]++;
    }
    // 200 expected per tenth of the interval; a uniform spread keeps each within about 4 standard
    // deviations.
    for (int count : perTenth) {
      assertTrue(count > 150 && count < 250, () -> Arrays.toString(perTenth));
    }
  }
}
