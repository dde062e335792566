package io.fleetpulse.cli.scrapebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import org.junit.jupiter.api.Test;

class NativeQuantilesTest {

  private static Histogram histogram(int maxBuckets) {
    return Histogram.builder()
        .name("lag_seconds")
        .help("lag")
        .nativeOnly()
        .nativeMaxNumberOfBuckets(maxBuckets)
        .build();
  }

  private static void assertWithin(double expected, double actual, double relative) {
    assertTrue(
        actual >= expected && actual <= expected * (1 + relative),
        () -> "expected " + expected + " up to " + relative * 100 + "% more, got " + actual);
  }

  @Test
  void quantilesAreTheUpperBoundsOfTheirBuckets() {
    Histogram lag = histogram(160);
    for (int ms = 1; ms <= 100; ms++) {
      lag.observe(ms / 1000.0);
    }
    NativeQuantiles quantiles = NativeQuantiles.of(lag.collect());

    assertEquals(100, quantiles.count());
    assertWithin(0.050, quantiles.quantile(0.5), 0.05);
    assertWithin(0.099, quantiles.quantile(0.99), 0.05);
    assertWithin(0.100, quantiles.max(), 0.05);
  }

  @Test
  void betweenTwoSnapshotsCountsOnlyWhatCameAfterTheFirst() {
    Histogram lag = histogram(160);
    for (int i = 0; i < 1_000; i++) {
      lag.observe(2.0);
    }
    HistogramSnapshot before = lag.collect();
    for (int ms = 1; ms <= 10; ms++) {
      lag.observe(ms / 1000.0);
    }
    NativeQuantiles after = NativeQuantiles.between(before, lag.collect());

    assertEquals(10, after.count());
    assertWithin(0.010, after.max(), 0.05);
  }

  @Test
  void snapshotsOfDifferentResolutionAreComparedAtTheCoarserOne() {
    Histogram lag = histogram(8);
    lag.observe(0.010);
    lag.observe(0.011);
    HistogramSnapshot before = lag.collect();
    // More than 8 occupied buckets: the histogram halves its resolution until 8 are enough.
    lag.observe(0.012);
    for (int k = 0; k < 9; k++) {
      lag.observe(0.02 * (1 << k));
    }
    HistogramSnapshot after = lag.collect();
    NativeQuantiles between = NativeQuantiles.between(before, after);

    assertTrue(
        after.getDataPoints().get(0).getNativeSchema()
            < before.getDataPoints().get(0).getNativeSchema());
    assertEquals(10, between.count());
    assertTrue(
        between.quantile(0.1) >= 0.012 && between.quantile(0.1) < 0.05,
        () -> "" + between.quantile(0.1));
    assertTrue(between.max() >= 5.12 && between.max() < 25, () -> "" + between.max());
  }
}
