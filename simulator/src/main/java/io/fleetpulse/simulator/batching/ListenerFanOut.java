package io.fleetpulse.simulator.batching;

import java.util.List;

/** Hands every engine event to several listeners, in order. */
public final class ListenerFanOut implements EngineListener {

  private final List<EngineListener> listeners;

  public ListenerFanOut(List<EngineListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void requestQueued() {
    for (EngineListener listener : listeners) {
      listener.requestQueued();
    }
  }

  @Override
  public void schedulerState(int running, int waiting, double kvCacheUsage) {
    for (EngineListener listener : listeners) {
      listener.schedulerState(running, waiting, kvCacheUsage);
    }
  }

  @Override
  public void requestPreempted() {
    for (EngineListener listener : listeners) {
      listener.requestPreempted();
    }
  }

  @Override
  public void firstToken(double timeToFirstTokenSeconds) {
    for (EngineListener listener : listeners) {
      listener.firstToken(timeToFirstTokenSeconds);
    }
  }

  @Override
  public void stepFinished(StepReport step) {
    for (EngineListener listener : listeners) {
      listener.stepFinished(step);
    }
  }

  @Override
  public void requestFinished(FinishedRequest request) {
    for (EngineListener listener : listeners) {
      listener.requestFinished(request);
    }
  }
}
