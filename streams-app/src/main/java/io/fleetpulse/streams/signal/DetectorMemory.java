package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.streams.state.DetectorPoint;
import io.fleetpulse.streams.state.DetectorState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A detector's view of its stored state at one evaluation: its phase, named baselines and recent
 * series.
 */
public final class DetectorMemory {

  private final DetectorState state;
  private final long nowMs;

  public DetectorMemory(DetectorState state, long nowMs) {
    this.state = state;
    this.nowMs = nowMs;
  }

  /** A detector that has never evaluated anything. */
  public static DetectorState fresh(long nowMs) {
    return DetectorState.newBuilder()
        .setPhase(SignalState.INACTIVE.name())
        .setSinceMs(nowMs)
        .setFirstMs(nowMs)
        .setLastMs(nowMs)
        .setLevels(new HashMap<>())
        .setSeries(new HashMap<>())
        .build();
  }

  public long nowMs() {
    return nowMs;
  }

  public SignalState phase() {
    return SignalState.valueOf(state.getPhase());
  }

  /**
   * Not in an episode: the time a baseline may learn from, so that an incident never becomes the
   * new normal.
   */
  public boolean quiet() {
    SignalState phase = phase();
    return phase == SignalState.INACTIVE || phase == SignalState.RESOLVED;
  }

  /** Time since the previous evaluation with data. */
  public long elapsedMs() {
    return Math.max(0, nowMs - state.getLastMs());
  }

  public Double level(String name) {
    return state.getLevels().get(name);
  }

  public void level(String name, double value) {
    state.getLevels().put(name, value);
  }

  /**
   * Folds {@code value} into the named EWMA, only while quiet; returns the baseline to judge {@code
   * value} by.
   */
  public double learn(String name, double value, Duration halfLife) {
    Double baseline = level(name);
    if (baseline == null || quiet()) {
      level(name, Ewma.next(baseline, value, elapsedMs(), halfLife));
    }
    return baseline == null ? value : baseline;
  }

  /**
   * Appends a point to the named series, drops points older than {@code keep}, and returns the
   * series.
   */
  public List<DetectorPoint> append(String name, double value, Duration keep) {
    List<DetectorPoint> points = new ArrayList<>(state.getSeries().getOrDefault(name, List.of()));
    points.add(new DetectorPoint(nowMs, value));
    return trimmed(name, points, keep);
  }

  /**
   * Adds {@code value} to the named series' point for the current {@code bucket} (stamped with the
   * bucket's start), so that a long history of sums costs one point a bucket rather than one a
   * window.
   */
  public List<DetectorPoint> accumulate(String name, double value, Duration bucket, Duration keep) {
    List<DetectorPoint> points = new ArrayList<>(state.getSeries().getOrDefault(name, List.of()));
    long bucketStartMs = nowMs - Math.floorMod(nowMs, bucket.toMillis());
    DetectorPoint last = points.isEmpty() ? null : points.get(points.size() - 1);
    if (last != null && last.getAtMs() == bucketStartMs) {
      points.set(points.size() - 1, new DetectorPoint(bucketStartMs, last.getValue() + value));
    } else {
      points.add(new DetectorPoint(bucketStartMs, value));
    }
    return trimmed(name, points, keep);
  }

  private List<DetectorPoint> trimmed(String name, List<DetectorPoint> points, Duration keep) {
    long oldest = nowMs - keep.toMillis();
    points.removeIf(point -> point.getAtMs() < oldest);
    state.getSeries().put(name, points);
    return points;
  }
}
