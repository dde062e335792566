package io.fleetpulse.streams.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class GaugeStatisticsTest {

  @Test
  void quantileInterpolatesBetweenTheClosestRanksAsPromqlDoes() {
    List<Double> values = List.of(4.0, 1.0, 3.0, 2.0);

    assertEquals(3.7, GaugeStatistics.quantile(0.9, values), 1e-12);
    assertEquals(2.5, GaugeStatistics.quantile(0.5, values), 1e-12);
    assertEquals(1.0, GaugeStatistics.quantile(0.0, values), 1e-12);
    assertEquals(4.0, GaugeStatistics.quantile(1.0, values), 1e-12);
    assertEquals(0.7, GaugeStatistics.quantile(0.9, List.of(0.7)), 1e-12);
  }

  @Test
  void sumMaxAndMeanAcrossNodes() {
    List<Double> values = List.of(2.0, 7.0, 3.0);

    assertEquals(12.0, GaugeStatistics.sum(values));
    assertEquals(7.0, GaugeStatistics.max(values));
    assertEquals(4.0, GaugeStatistics.mean(values));
  }

  @Test
  void noValuesGiveNoStatisticRatherThanZero() {
    assertNull(GaugeStatistics.sum(List.of()));
    assertNull(GaugeStatistics.max(List.of()));
    assertNull(GaugeStatistics.mean(List.of()));
    assertNull(GaugeStatistics.quantile(0.9, List.of()));
  }
}
