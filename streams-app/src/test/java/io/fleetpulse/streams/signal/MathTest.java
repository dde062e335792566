package io.fleetpulse.streams.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.streams.state.DetectorPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The detectors' small math: least squares, EWMA, median, the TTFT bad-fraction estimate. */
class MathTest {

  private static List<DetectorPoint> points(double... values) {
    List<DetectorPoint> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(new DetectorPoint(i * 10_000L, values[i]));
    }
    return points;
  }

  @Test
  void leastSquaresFitsALineAndPredictsWhenItReachesALimit() {
    LeastSquaresSlope fit =
        LeastSquaresSlope.fit(points(0.5, 0.51, 0.52, 0.53, 0.54, 0.55, 0.56)).orElseThrow();
    assertEquals(0.001, fit.slopePerSecond(), 1e-12);
    assertEquals(0.56, fit.predict(0), 1e-12);
    assertEquals(440, fit.secondsUntil(1.0).orElseThrow(), 1e-6);
  }

  @Test
  void leastSquaresNeedsThreePointsAndSixForATrend() {
    assertTrue(LeastSquaresSlope.fit(points(0.1, 0.2)).isEmpty());
    LeastSquaresSlope three = LeastSquaresSlope.fit(points(0.1, 0.2, 0.3)).orElseThrow();
    assertFalse(three.risingSignificantly());
  }

  @Test
  void noiseAndAWanderingLevelAreNoTrend() {
    Random random = new Random(42);
    int trends = 0;
    for (int trial = 0; trial < 200; trial++) {
      double level = 0.6;
      double[] values = new double[30];
      for (int i = 0; i < values.length; i++) {
        // A mean-reverting wander: each point much like the one before.
        level += 0.2 * (0.6 - level) + 0.02 * random.nextGaussian();
        values[i] = level;
      }
      LeastSquaresSlope fit = LeastSquaresSlope.fit(points(values)).orElseThrow();
      if (fit.secondsUntil(1.0).filter(seconds -> seconds < 900).isPresent()) {
        trends++;
      }
    }
    assertTrue(trends <= 4, trends + " of 200 wandering series predicted full within 15 minutes");
  }

  @Test
  void aFallingSeriesNeverExhausts() {
    assertTrue(
        LeastSquaresSlope.fit(points(0.9, 0.8, 0.7, 0.6, 0.5, 0.4))
            .orElseThrow()
            .secondsUntil(1)
            .isEmpty());
  }

  @Test
  void ewmaMovesHalfwayInOneHalfLifeWhateverTheStep() {
    assertEquals(15, Ewma.next(10.0, 20, 60_000, Duration.ofMinutes(1)), 1e-12);
    double stepped = 10;
    for (int i = 0; i < 6; i++) {
      stepped = Ewma.next(stepped, 20, 10_000, Duration.ofMinutes(1));
    }
    assertEquals(15, stepped, 1e-9);
    assertEquals(7, Ewma.next(null, 7, 0, Duration.ofMinutes(1)));
  }

  @Test
  void medianOfOddAndEven() {
    assertEquals(2, Median.of(List.of(3.0, 1.0, 2.0)));
    assertEquals(2.5, Median.of(List.of(4.0, 1.0, 2.0, 3.0)));
  }

  @Test
  void badFractionInterpolatesBetweenTheQuantilesAroundTheThreshold() {
    TreeMap<Double, Double> quantiles = new TreeMap<>();
    quantiles.put(0.5, 1.0);
    quantiles.put(0.9, 2.0);
    quantiles.put(0.95, 3.0);
    quantiles.put(0.99, 5.0);
    assertEquals(0.1, TtftBadFraction.estimate(quantiles, 2.0), 1e-12);
    assertEquals(0.075, TtftBadFraction.estimate(quantiles, 2.5), 1e-12);
    assertEquals(0.04, TtftBadFraction.estimate(quantiles, 3.5), 1e-12);
    assertEquals(
        0.75, TtftBadFraction.estimate(quantiles, 0.5), 1e-12, "below p50: from 0 s at quantile 0");
    assertEquals(0, TtftBadFraction.estimate(quantiles, 6.0), "above p99: counted as none");
  }
}
