package io.fleetpulse.simulator.scenario;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Values between keyframes: straight lines, held flat before the first and after the last. */
final class Interpolation {

  private Interpolation() {}

  static double linear(
      double seconds, Duration from, double fromValue, Duration to, double toValue) {
    double start = from.toMillis() / 1e3;
    double end = to.toMillis() / 1e3;
    if (seconds <= start || end <= start) {
      return seconds <= start ? fromValue : toValue;
    }
    if (seconds >= end) {
      return toValue;
    }
    return fromValue + (toValue - fromValue) * (seconds - start) / (end - start);
  }

  /** Index of the last keyframe at or before {@code seconds}, or -1 before the first. */
  static <T> int lastAtOrBefore(List<T> frames, double seconds, Function<T, Duration> at) {
    int index = -1;
    for (int i = 0; i < frames.size() && at.apply(frames.get(i)).toMillis() / 1e3 <= seconds; i++) {
      index = i;
    }
    return index;
  }

  static <T> double along(
      List<T> frames, double seconds, Function<T, Duration> at, ToDoubleFunction<T> value) {
    int before = lastAtOrBefore(frames, seconds, at);
    if (before < 0) {
      return value.applyAsDouble(frames.get(0));
    }
    if (before == frames.size() - 1) {
      return value.applyAsDouble(frames.get(before));
    }
    T from = frames.get(before);
    T to = frames.get(before + 1);
    return linear(
        seconds, at.apply(from), value.applyAsDouble(from), at.apply(to), value.applyAsDouble(to));
  }

  static <T> List<T> ordered(List<T> frames, Function<T, Duration> at, String option) {
    if (frames == null || frames.isEmpty()) {
      throw new IllegalArgumentException(option + " needs at least one entry");
    }
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i) == null) {
        throw new IllegalArgumentException(option + "[" + i + "] is empty");
      }
      if (i > 0 && at.apply(frames.get(i)).compareTo(at.apply(frames.get(i - 1))) <= 0) {
        throw new IllegalArgumentException(
            option + "[" + i + "].at must come after " + option + "[" + (i - 1) + "].at");
      }
    }
    return List.copyOf(frames);
  }
}
