package io.fleetpulse.simulator.simtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TtftSamplesTest {

  private static final long SECOND = 1_000_000;
  private static final long MINUTE = 60 * SECOND;

  @Test
  void noBreachWhileEveryTrailingMinuteStaysAtOrBelowTheThreshold() {
    TtftSamples samples = new TtftSamples();
    for (int i = 0; i <= 1200; i++) {
      samples.add(i * SECOND / 4, 0.5);
    }
    samples.add(30 * SECOND, 1.0);
    // One slow request among ~240 a minute is above the 99th percentile's rank.
    samples.add(100 * SECOND, 9.0);
    assertEquals(-1, samples.firstBreachMicros(MINUTE, 1.0));
  }

  @Test
  void theBreachIsTheFirstInstantTheNearestRankP99ExceedsTheThreshold() {
    TtftSamples samples = new TtftSamples();
    for (int i = 0; i <= 300; i++) {
      samples.add(i * SECOND, 0.1);
    }
    // At 100.5 s the window (40.5 s, 100.5 s] holds 60 fast requests and this one: ceil(0.99 * 61)
    // = 61.
    samples.add(100 * SECOND + SECOND / 2, 5.0);
    assertEquals(100 * SECOND + SECOND / 2, samples.firstBreachMicros(MINUTE, 1.0));
  }

  @Test
  void fastRequestsLeavingTheWindowCanCauseTheBreach() {
    TtftSamples samples = new TtftSamples();
    samples.add(70 * SECOND, 3.0);
    for (int i = 0; i < 200; i++) {
      samples.add(11 * SECOND + i * 1000, 0.1);
    }
    // At 70 s the window holds 200 fast requests and the slow one. Fast request k (at 11 s + k ms)
    // leaves at
    // 71 s + k ms; once 99 or fewer requests are left, ceil(0.99 n) = n picks the slow one: at k =
    // 101.
    assertEquals(71 * SECOND + 101_000, samples.firstBreachMicros(MINUTE, 1.0));
  }
}
