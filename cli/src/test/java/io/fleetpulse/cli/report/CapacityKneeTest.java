package io.fleetpulse.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CapacityKneeTest {

  /**
   * Loads evenly spread from 0 to {@code highest}, queue time flat then rising past {@code knee}.
   */
  private static List<CapacityKnee.Load> hockeyStick(
      int minutes, double highest, double knee, Random noise) {
    List<CapacityKnee.Load> loads = new ArrayList<>();
    for (int i = 0; i < minutes; i++) {
      double x = highest * i / (minutes - 1);
      double y = 0.02 + Math.max(0, x - knee) * 0.001;
      loads.add(new CapacityKnee.Load(x, y * (1 + 0.1 * noise.nextGaussian())));
    }
    return loads;
  }

  @Test
  void findsTheKneeWithinABinDespiteNoiseAndOutliers() {
    Random random = new Random(7);
    List<CapacityKnee.Load> loads = hockeyStick(5000, 2000, 1200, random);
    // Spikes at low load, as a deploy's cold start gives: the bins' medians ignore them.
    for (int i = 0; i < 200; i++) {
      loads.add(new CapacityKnee.Load(random.nextDouble() * 800, 5.0));
    }
    CapacityKnee.Estimate estimate = CapacityKnee.estimate(loads);
    double width = 2000.0 / CapacityKnee.BINS;
    assertTrue(
        estimate.knee() >= 1200 && estimate.knee() <= 1200 + 2 * width, "knee " + estimate.knee());
    assertEquals(0.02, estimate.baselineSeconds(), 0.005);
  }

  @Test
  void aHistoryThatNeverLoadsTheQueueHasNoKnee() {
    CapacityKnee.Estimate estimate =
        CapacityKnee.estimate(hockeyStick(5000, 800, 1200, new Random(1)));
    assertNull(estimate.knee());
    assertTrue(estimate.why().startsWith("not enough data: p99 queue time stays under"));
    assertTrue(estimate.why().contains("800.0 tokens/s per node"), estimate.why());
  }

  @Test
  void anIdleQueuesTinyBaselineDoesNotTurnNoiseIntoAKnee() {
    List<CapacityKnee.Load> loads = new ArrayList<>();
    Random random = new Random(3);
    for (int i = 0; i < 2000; i++) {
      // Doubling from 1 ms to 3 ms is noise, not queueing: the absolute floor keeps it out.
      loads.add(new CapacityKnee.Load(i, 0.001 + 0.002 * random.nextDouble() * i / 2000));
    }
    assertNull(CapacityKnee.estimate(loads).knee());
  }

  @Test
  void tooFewMinutesAreNotEnoughData() {
    CapacityKnee.Estimate estimate =
        CapacityKnee.estimate(hockeyStick(CapacityKnee.MIN_MINUTES - 1, 2000, 100, new Random(2)));
    assertNull(estimate.knee());
    assertEquals(
        "not enough data: 59 minutes with both tokens/s and p99 queue time, fewer than 60",
        estimate.why());
  }
}
