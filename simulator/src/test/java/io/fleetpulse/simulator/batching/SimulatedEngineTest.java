package io.fleetpulse.simulator.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedEngineTest {

  private static final long START = 1_000_000_000L;
  private static final long SECOND = 1_000_000L;

  private final RecordingListener listener = new RecordingListener();

  private SimulatedEngine engine(double requestsPerSecond, long seed) {
    return new SimulatedEngine(
        EngineConfig.defaults(), requestsPerSecond, new SplittableRandom(seed), START, listener);
  }

  /** Advances in 100 ms ticks, as the fleet's ticker does. */
  private static void runFor(SimulatedEngine engine, long fromSecond, long seconds) {
    for (long tick = 1; tick <= seconds * 10; tick++) {
      engine.advanceTo(START + fromSecond * SECOND + tick * SECOND / 10);
    }
  }

  @Test
  void defaultLoadGeneratesSixHundredToAThousandTokensPerSecondWithoutPreemption() {
    runFor(engine(4.0, 42), 0, 120);

    double tokensPerSecond = listener.generationTokens / 120.0;
    assertTrue(
        tokensPerSecond >= 600 && tokensPerSecond <= 1000,
        "generated " + tokensPerSecond + " tokens/s");
    assertEquals(0, listener.preemptions, "the default load fits the KV cache");
    assertTrue(
        listener.maxKvUsage > 0.05 && listener.maxKvUsage < 0.6, "KV usage " + listener.maxKvUsage);
    assertTrue(listener.stepsInOrder);
    assertTrue(
        listener.finished.get(FinishReason.STOP) > listener.finished.get(FinishReason.LENGTH),
        "most answers end on their own, some hit max_tokens: " + listener.finished);
    assertTrue(
        listener.finished.get(FinishReason.ABORT) > 0, "a few clients abort: " + listener.finished);
  }

  @Test
  void overloadExhaustsTheKvCacheAndPreemptsWhileUsageStaysWithinBounds() {
    runFor(engine(60.0, 7), 0, 60);

    assertTrue(listener.preemptions > 10, "overload must preempt, got " + listener.preemptions);
    assertTrue(listener.minKvUsage >= 0 && listener.maxKvUsage <= 1, "KV usage within 0..1");
    assertTrue(
        listener.maxKvUsage > 0.95,
        "overload fills the KV cache, max usage " + listener.maxKvUsage);
    assertTrue(listener.maxWaiting > 100, "requests queue up, max waiting " + listener.maxWaiting);
  }

  @Test
  void playsTheSameStepsWhetherAdvancedInTicksOrAtOnce() {
    runFor(engine(4.0, 3), 0, 30);
    RecordingListener ticked = listener;

    RecordingListener atOnce = new RecordingListener();
    new SimulatedEngine(EngineConfig.defaults(), 4.0, new SplittableRandom(3), START, atOnce)
        .advanceTo(START + 30 * SECOND);

    assertEquals(ticked.steps, atOnce.steps);
    assertEquals(ticked.generationTokens, atOnce.generationTokens);
    assertEquals(ticked.promptTokens, atOnce.promptTokens);
    assertEquals(ticked.lastStepEndMicros, atOnce.lastStepEndMicros);
  }

  @Test
  void aStepCountsOnlyOnceItHasEnded() {
    SimulatedEngine engine = engine(50.0, 5);
    runFor(engine, 0, 2);
    long endedBy = listener.lastStepEndMicros;
    engine.advanceTo(endedBy + 1);
    assertEquals(
        endedBy,
        listener.lastStepEndMicros,
        "a step lasts at least 15 ms, so none ends 1 us later");
  }

  @Test
  void restartLosesQueuedAndRunningRequestsAndCarriesOn() {
    SimulatedEngine engine = engine(30.0, 9);
    runFor(engine, 0, 10);
    assertTrue(listener.lastRunning > 0);
    long tokensBefore = listener.generationTokens;

    engine.restart(START + 10 * SECOND + 50_000);

    assertEquals(0, listener.lastRunning);
    assertEquals(0, listener.lastWaiting);
    assertEquals(0.0, listener.lastKvUsage);
    runFor(engine, 11, 5);
    assertTrue(
        listener.generationTokens > tokensBefore, "the restarted engine serves new requests");
  }

  @Test
  void anIdleEngineTakesNoEmptyStepsBetweenArrivals() {
    runFor(engine(0.2, 1), 0, 60);
    assertTrue(listener.steps > 0);
    assertTrue(
        listener.steps <= listener.generationTokens,
        "every step produces a token, so none ran empty: "
            + listener.steps
            + " steps, "
            + listener.generationTokens
            + " tokens");
    assertEquals(
        listener.firstTokens,
        listener.finishedTotal() + listener.lastRunning,
        "every request that started either finished or still runs");
  }
}
