package io.fleetpulse.cli.scaleout;

/**
 * One node's counter increase within a span [start, end), from its good readings in order, by
 * DESIGN.md's counter rule: the increase between two readings is {@code b - a}, or {@code b} after
 * a reset, apportioned to the span in proportion to the interval's overlap with it. Computed apart
 * from the streams app, to hold its windows against.
 */
public final class ApportionedCounter {

  private final long spanStartMs;
  private final long spanEndMs;
  private long lastMs = Long.MIN_VALUE;
  private double lastValue;
  private double increase;

  public ApportionedCounter(long spanStartMs, long spanEndMs) {
    this.spanStartMs = spanStartMs;
    this.spanEndMs = spanEndMs;
  }

  /** A good reading; one not after the previous is ignored, as the streams app ignores it. */
  public void add(long timestampMs, double value) {
    if (timestampMs <= lastMs) {
      return;
    }
    if (lastMs != Long.MIN_VALUE) {
      increase += shareOf(lastMs, lastValue, timestampMs, value, spanStartMs, spanEndMs);
    }
    lastMs = timestampMs;
    lastValue = value;
  }

  /** The increase apportioned to the span so far. */
  public double increase() {
    return increase;
  }

  /** The increase over (fromMs, toMs] apportioned to [startMs, endMs) by overlap. */
  public static double shareOf(
      long fromMs, double fromValue, long toMs, double toValue, long startMs, long endMs) {
    long overlap = Math.min(endMs, toMs) - Math.max(startMs, fromMs);
    if (overlap <= 0) {
      return 0;
    }
    double increase = toValue >= fromValue ? toValue - fromValue : toValue;
    return increase * overlap / (toMs - fromMs);
  }
}
