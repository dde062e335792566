package io.fleetpulse.sink.status;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.sink.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last {@link #SPAN} of chart points of every series above node scope, for the status page's
 * trends. In memory only and bounded: at most {@link #MAX_SERIES} series of at most {@link
 * #MAX_POINTS} points each; a series beyond that is not recorded (logged once).
 */
public final class WindowHistory {

  public static final Duration SPAN = Duration.ofMinutes(30);
  static final int MAX_POINTS = 400;
  static final int MAX_SERIES = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(WindowHistory.class);

  private final Map<SeriesKey, Deque<HistoryPoint>> series = new LinkedHashMap<>();
  private boolean reportedFull;

  /** Adds the window's point when it is above node scope and newer than its series' last one. */
  public synchronized void record(FleetWindow window) {
    SeriesKey key = SeriesKey.of(window);
    if (key.scope() == Scope.NODE) {
      return;
    }
    Deque<HistoryPoint> points = series.get(key);
    if (points == null) {
      if (series.size() >= MAX_SERIES) {
        if (!reportedFull) {
          LOG.warn(
              "status page history holds {} series already; not charting {} {} and any further ones",
              MAX_SERIES,
              key.scope().label(),
              key.labelValues());
          reportedFull = true;
        }
        return;
      }
      points = new ArrayDeque<>();
      series.put(key, points);
    }
    HistoryPoint point = HistoryPoint.of(window);
    if (!points.isEmpty() && !point.end().isAfter(points.peekLast().end())) {
      return;
    }
    points.addLast(point);
    Instant from = point.end().minus(SPAN);
    while (points.size() > MAX_POINTS || points.peekFirst().end().isBefore(from)) {
      points.removeFirst();
    }
  }

  /**
   * Every series' points that ended after {@code from}, oldest first; series with none are
   * forgotten.
   */
  synchronized Map<SeriesKey, List<HistoryPoint>> since(Instant from) {
    Map<SeriesKey, List<HistoryPoint>> out = new LinkedHashMap<>();
    series.entrySet().removeIf(entry -> entry.getValue().peekLast().end().isBefore(from));
    series.forEach(
        (key, points) -> {
          List<HistoryPoint> recent = new ArrayList<>(points.size());
          points.forEach(
              point -> {
                if (!point.end().isBefore(from)) {
                  recent.add(point);
                }
              });
          out.put(key, recent);
        });
    return out;
  }
}
