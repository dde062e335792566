package io.fleetpulse.simulator.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class VllmBucketsTest {

  @Test
  void oneTwoFiveSeriesStopsAtTheLimit() {
    assertArrayEquals(
        new double[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000},
        VllmBuckets.oneTwoFive(8192));
    assertArrayEquals(new double[] {1, 2, 5, 10}, VllmBuckets.oneTwoFive(10));
  }
}
