package io.fleetpulse.cli.scaleout;

import java.util.List;

/**
 * One measurement: {@code instances} streams instances draining the whole backlog.
 *
 * @param drainSeconds from starting the first instance until every scrape was committed and every
 *     window of the checked span published
 * @param firstCommitSeconds from starting the first instance until the group first committed
 *     scrapes: start-up, group join and rebalances
 * @param steadyScrapesPerSecond the committed rate between 10% and 90% of the backlog, start-up and
 *     the tail left out
 * @param processCpuNanos CPU of the whole process over the drain: brokers, GC, JIT and the bench's
 *     own readers included
 * @param windowsSeen distinct fleet windows of the checked span published
 * @param windowsRepeated of those, how many were published more than once
 * @param tokensCounted generation tokens over the fleet windows of the span, every copy counted
 * @param lateSlicesDropped contributions the instances dropped as late
 */
public record DrainResult(
    int instances,
    long scrapes,
    double drainSeconds,
    double firstCommitSeconds,
    double steadyScrapesPerSecond,
    long processCpuNanos,
    List<InstanceResult> perInstance,
    long windowsExpected,
    int windowsSeen,
    int windowsRepeated,
    double tokensExpected,
    double tokensCounted,
    long lateSlicesDropped) {

  /** Floating-point rounding over thousands of apportioned increases, and nothing more. */
  static final double TOKEN_TOLERANCE = 1e-9;

  public DrainResult {
    perInstance = List.copyOf(perInstance);
  }

  public double scrapesPerSecond() {
    return scrapes / drainSeconds;
  }

  public long streamsCpuNanos() {
    return perInstance.stream().mapToLong(InstanceResult::cpuNanos).sum();
  }

  public double streamsCpuMsPerScrape() {
    return streamsCpuNanos() / 1e6 / scrapes;
  }

  public double processCpuMsPerScrape() {
    return processCpuNanos / 1e6 / scrapes;
  }

  /**
   * Every window of the span published exactly once, and their tokens what the counter rule makes
   * of the produced scrapes.
   */
  public boolean conserved() {
    return windowsSeen == windowsExpected
        && windowsRepeated == 0
        && Math.abs(tokensCounted - tokensExpected) <= TOKEN_TOLERANCE * Math.abs(tokensExpected);
  }
}
