package io.fleetpulse.simulator.batching;

/**
 * What a simulated engine reports as it runs; metric registries and the ground-truth ledger listen.
 */
public interface EngineListener {

  /** A request reached the engine's queue. */
  default void requestQueued() {}

  /** After every scheduling decision and every finished step. */
  default void schedulerState(int running, int waiting, double kvCacheUsage) {}

  default void requestPreempted() {}

  default void firstToken(double timeToFirstTokenSeconds) {}

  default void stepFinished(StepReport step) {}

  default void requestFinished(FinishedRequest request) {}
}
