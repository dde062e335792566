package io.fleetpulse.streams.histogram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases worked by hand the way PromQL's histogram_quantile computes them. */
class BucketQuantileTest {

  private static final double EPSILON = 1e-12;
  private static final List<Double> BOUNDS = List.of(0.1, 0.5, 1.0);
  private static final List<Double> COUNTS = List.of(10.0, 30.0, 40.0, 40.0);

  @Test
  void interpolatesLinearlyInsideTheBucketTheRankFallsIn() {
    // rank 0.5 * 40 = 20 lies in (0.1, 0.5], which holds 20: 0.1 + 0.4 * (20 - 10) / 20.
    assertEquals(0.3, BucketQuantile.of(0.5, BOUNDS, COUNTS), EPSILON);
    // rank 39.6 lies in (0.5, 1.0], which holds 10: 0.5 + 0.5 * (39.6 - 30) / 10.
    assertEquals(0.98, BucketQuantile.of(0.99, BOUNDS, COUNTS), EPSILON);
  }

  @Test
  void theFirstBucketStartsAtZeroWhenItsUpperBoundIsPositive() {
    // rank 4 lies in (0, 0.1], which holds 10: 0.1 * 4 / 10.
    assertEquals(0.04, BucketQuantile.of(0.1, BOUNDS, COUNTS), EPSILON);
  }

  @Test
  void theFirstBucketAnswersItsUpperBoundWhenThatIsNotPositive() {
    assertEquals(
        0.0, BucketQuantile.of(0.25, List.of(0.0, 1.0), List.of(5.0, 10.0, 10.0)), EPSILON);
  }

  @Test
  void aRankInTheInfBucketAnswersTheHighestFiniteBound() {
    // rank 36 is above the 30 observations up to 0.5; the rest are only known to be above it.
    assertEquals(
        0.5, BucketQuantile.of(0.9, List.of(0.1, 0.5), List.of(10.0, 30.0, 40.0)), EPSILON);
  }

  @Test
  void anEmptyHistogramOrOneWithoutFiniteBucketsIsNaN() {
    assertEquals(Double.NaN, BucketQuantile.of(0.5, BOUNDS, List.of(0.0, 0.0, 0.0, 0.0)));
    assertEquals(Double.NaN, BucketQuantile.of(0.5, List.of(), List.of(7.0)));
  }

  @Test
  void countsThatGoDownAreLiftedToTheRunningMaximumFirst() {
    // [5, 3, 8, 10] becomes [5, 5, 8, 10]: rank 6 lies in (2, 3], holding 3, so 2 + (6 - 5) / 3.
    // Taken as given,
    // the bucket would hold 5 and the answer would be 2 + (6 - 3) / 5 = 2.6.
    assertEquals(
        2 + 1 / 3.0,
        BucketQuantile.of(0.6, List.of(1.0, 2.0, 3.0), List.of(5.0, 3.0, 8.0, 10.0)),
        EPSILON);
  }

  @Test
  void differencesWithinFloatNoiseAreNotABucketOfTheirOwn() {
    // 10 + 1e-11 differs from 10 by 1e-12 relative: treated as 10, so the rank just above 10 falls
    // in +Inf.
    double q = Math.nextUp(0.5);
    assertEquals(
        2.0, BucketQuantile.of(q, List.of(1.0, 2.0), List.of(10.0, 10.0 + 1e-11, 20.0)), EPSILON);
  }

  @Test
  void noiseIsMeasuredAgainstBothCountsAsPromQlDoes() {
    // 1.5e-12 over 1 is above the tolerance, but over |1| + |1 + 1.5e-12| it is not: PromQL absorbs
    // it, so
    // every observation lies in the first bucket.
    assertEquals(
        1.0,
        BucketQuantile.of(1.0, List.of(1.0, 2.0), List.of(1.0, 1 + 1.5e-12, 1 + 1.5e-12)),
        EPSILON);
  }

  @Test
  void aCountJustAboveTheLastAcceptedOneAfterADipIsStillNoise() {
    // The dip to 5 is carried over from 20 without becoming the reference, so 20 + 2e-11 is noise
    // against 20
    // and becomes 20 too: the rank just above 20 of 40 finds no finite bucket and answers the
    // highest bound
    // (measured against the dip instead, it would have made (2, 3] a bucket of 2e-11 and answered
    // 2.2).
    List<Double> counts = List.of(20.0, 5.0, 20 + 2e-11, 40.0);
    assertEquals(3.0, BucketQuantile.of(0.5 + 1e-13, List.of(1.0, 2.0, 3.0), counts), EPSILON);
  }

  @Test
  void quantilesOutsideZeroToOneAreInfiniteAndNaNIsNaN() {
    assertEquals(Double.NEGATIVE_INFINITY, BucketQuantile.of(-0.1, BOUNDS, COUNTS));
    assertEquals(Double.POSITIVE_INFINITY, BucketQuantile.of(1.5, BOUNDS, COUNTS));
    assertEquals(Double.NaN, BucketQuantile.of(Double.NaN, BOUNDS, COUNTS));
  }

  @Test
  void fractionalCountsFromApportioningInterpolateTheSameWay() {
    // rank 0.5 * 2.5 = 1.25 lies in (0.1, 0.5], holding 1.5: 0.1 + 0.4 * (1.25 - 0.5) / 1.5.
    assertEquals(0.3, BucketQuantile.of(0.5, BOUNDS, List.of(0.5, 2.0, 2.5, 2.5)), EPSILON);
  }
}
