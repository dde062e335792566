package io.fleetpulse.collector.metrics;

/** The latest state of every scheduled target, as the per-target gauges show it. */
public interface TargetStates {

  /** Calls {@code visitor} once per target. */
  void eachTarget(Visitor visitor);

  /** Series kept by all targets' latest scrapes together. */
  long totalSeries();

  /** One target's state. */
  interface Visitor {
    /**
     * @param finishedMillis when its latest scrape finished, epoch milliseconds; 0 before its first
     */
    void visit(String job, String cluster, String instance, boolean up, long finishedMillis);
  }
}
