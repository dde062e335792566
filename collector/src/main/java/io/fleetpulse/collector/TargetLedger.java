package io.fleetpulse.collector;

import io.fleetpulse.collector.metrics.TargetStates;
import io.fleetpulse.collector.scrape.ScrapeTarget;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest scrape of every scheduled target: whether it was up, when it finished, and how many
 * series it kept. It serves the per-target gauges ({@code fleetpulse_collector_target_up}, {@code
 * ..._last_scrape_age_seconds}, bounded by the target count because targets leave with their job's
 * next update) and the collector-wide series budget ({@code collector.max_series}). Thread-safe.
 */
final class TargetLedger implements TargetStates {

  private final long maxSeries;
  private final Map<ScrapeTarget, Latest> byTarget = new ConcurrentHashMap<>();
  private long totalSeries;

  /**
   * @param maxSeries most series over all targets' latest scrapes together; 0: no limit
   */
  TargetLedger(long maxSeries) {
    this.maxSeries = maxSeries;
  }

  @Override
  public void eachTarget(Visitor visitor) {
    byTarget.forEach(
        (target, latest) ->
            visitor.visit(
                target.jobName(),
                target.cluster(),
                target.instance(),
                latest.up,
                latest.finishedMillis));
  }

  /**
   * Makes {@code current} the whole set of {@code job}'s targets: new ones enter, gone ones leave.
   */
  void setTargets(String job, Collection<ScrapeTarget> current) {
    Set<ScrapeTarget> wanted = new HashSet<>(current);
    for (ScrapeTarget target : byTarget.keySet()) {
      if (target.jobName().equals(job) && !wanted.contains(target)) {
        Latest gone = byTarget.remove(target);
        if (gone != null) {
          release(gone);
        }
      }
    }
    wanted.forEach(target -> byTarget.putIfAbsent(target, new Latest()));
  }

  /**
   * Takes an up scrape of {@code series} series in place of the target's previous one; false when
   * that would put the total over the budget, and then the target counts as holding none.
   */
  boolean admit(ScrapeTarget target, long series) {
    Latest latest = byTarget.get(target);
    if (latest == null) {
      // Left its job while the scrape was in flight; its record still goes out, its series count
      // nowhere.
      return true;
    }
    synchronized (this) {
      long others = totalSeries - latest.series;
      if (maxSeries > 0 && others + series > maxSeries) {
        totalSeries = others;
        latest.series = 0;
        return false;
      }
      totalSeries = others + series;
      latest.series = series;
      return true;
    }
  }

  /** Records how the target's latest scrape ended; a down scrape holds no series. */
  void finished(ScrapeTarget target, boolean up) {
    Latest latest = byTarget.get(target);
    if (latest == null) {
      return;
    }
    if (!up) {
      release(latest);
    }
    latest.up = up;
    latest.finishedMillis = System.currentTimeMillis();
  }

  long maxSeries() {
    return maxSeries;
  }

  @Override
  public synchronized long totalSeries() {
    return totalSeries;
  }

  private synchronized void release(Latest latest) {
    totalSeries -= latest.series;
    latest.series = 0;
  }

  private static final class Latest {
    volatile boolean up;
    volatile long finishedMillis;
    long series;
  }
}
