package io.fleetpulse.sink.status;

import static io.fleetpulse.sink.TestWindows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.sink.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowHistoryTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private final WindowHistory history = new WindowHistory();

  @Test
  void keepsTheLastHalfHourOfEachSeriesAboveNodeScopeInOrder() {
    for (int i = 0; i < 240; i++) {
      history.record(
          window("fleet", "10s", T.plusSeconds(10L * i))
              .setGenerationTokensPerSecond((double) i)
              .setLatency(
                  List.of(
                      new LatencyQuantile("time_to_first_token", "events", 0.99, 0.5),
                      new LatencyQuantile("time_to_first_token", "histogram", 0.99, 0.25)))
              .build());
    }
    history.record(window("node", "10s", T).setCluster("c").setModel("m").setNode("n").build());
    Instant last = T.plusSeconds(2390);

    Map<SeriesKey, List<HistoryPoint>> series = history.since(last.minus(WindowHistory.SPAN));

    assertEquals(1, series.size(), series.keySet().toString());
    List<HistoryPoint> points = series.values().iterator().next();
    assertEquals(181, points.size());
    assertEquals(last.minus(WindowHistory.SPAN), points.get(0).end());
    assertEquals(239.0, points.get(180).generationTokensPerSecond());
    assertEquals(
        0.25, points.get(180).timeToFirstTokenP99(), "the histogram's p99 before the events'");
  }

  @Test
  void anOlderOrRepeatedWindowAddsNoPointAndAQuietSeriesIsForgotten() {
    history.record(window("cluster", "10s", T).setCluster("a").build());
    history.record(window("cluster", "10s", T).setCluster("a").build());
    history.record(window("cluster", "10s", T.minusSeconds(10)).setCluster("a").build());

    assertEquals(1, history.since(T).values().iterator().next().size());
    assertEquals(Map.of(), history.since(T.plus(Duration.ofSeconds(1))));
  }

  @Test
  void holdsABoundedNumberOfSeries() {
    for (int i = 0; i < WindowHistory.MAX_SERIES + 5; i++) {
      history.record(window("cluster", "10s", T).setCluster("c" + i).build());
    }

    assertEquals(WindowHistory.MAX_SERIES, history.since(T).size());
  }
}
