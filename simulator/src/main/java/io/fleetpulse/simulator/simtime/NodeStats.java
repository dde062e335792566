package io.fleetpulse.simulator.simtime;

import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.StepReport;

/**
 * Keeps the model's own view of one node for {@link NodeSample}s, whatever the engine's page shows.
 */
final class NodeStats implements EngineListener {

  private int running;
  private int waiting;
  private double kvCacheUsage;
  private long prefixQueryTokens;
  private long prefixHitTokens;
  private long decodeTokens;
  private double decodeSeconds;
  private long preemptions;

  @Override
  public void schedulerState(int runningRequests, int waitingRequests, double usage) {
    running = runningRequests;
    waiting = waitingRequests;
    kvCacheUsage = usage;
  }

  @Override
  public void requestPreempted() {
    preemptions++;
  }

  @Override
  public void stepFinished(StepReport step) {
    prefixQueryTokens += step.prefixQueryTokens();
    prefixHitTokens += step.prefixHitTokens();
    decodeTokens += step.decodeTokens();
    decodeSeconds += step.decodeTokens() * step.durationSeconds();
  }

  NodeSample sample(long epochMillis, boolean up) {
    return up
        ? new NodeSample(
            epochMillis,
            true,
            running,
            waiting,
            kvCacheUsage,
            prefixQueryTokens,
            prefixHitTokens,
            decodeTokens,
            decodeSeconds,
            preemptions)
        : new NodeSample(
            epochMillis,
            false,
            0,
            0,
            0,
            prefixQueryTokens,
            prefixHitTokens,
            decodeTokens,
            decodeSeconds,
            preemptions);
  }
}
