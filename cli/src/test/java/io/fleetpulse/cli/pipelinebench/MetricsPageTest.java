package io.fleetpulse.cli.pipelinebench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsPageTest {

  private final MetricsPage page =
      new MetricsPage(
          """
          # HELP fleetpulse_streams_consumer_lag_records Records behind
          # TYPE fleetpulse_streams_consumer_lag_records gauge
          fleetpulse_streams_consumer_lag_records{topic="a",partition="0"} 12.0
          fleetpulse_streams_consumer_lag_records{topic="a",partition="1"} 30
          fleetpulse_streams_consumer_lag_records_max 1000
          fleetpulse_pipeline_behind 1 1700000000000
          """);

  @Test
  void sumsEverySeriesOfTheNamedMetricOnly() {
    assertEquals(42.0, page.sum("fleetpulse_streams_consumer_lag_records"));
    assertEquals(1.0, page.sum("fleetpulse_pipeline_behind"));
    assertEquals(0.0, page.sum("fleetpulse_absent"));
  }

  @Test
  void countsTheSampleLinesAsSeries() {
    assertEquals(4, page.series());
  }
}
