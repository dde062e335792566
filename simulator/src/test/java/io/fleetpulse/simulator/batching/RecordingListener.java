package io.fleetpulse.simulator.batching;

import java.util.EnumMap;
import java.util.Map;

/** Tallies what an engine reports, for assertions. */
final class RecordingListener implements EngineListener {

  long steps;
  long generationTokens;
  long promptTokens;
  long preemptions;
  long firstTokens;
  long lastStepEndMicros = Long.MIN_VALUE;
  boolean stepsInOrder = true;
  double minKvUsage = Double.MAX_VALUE;
  double maxKvUsage = -1;
  int maxRunning;
  int maxWaiting;
  int lastRunning;
  int lastWaiting;
  double lastKvUsage;
  final Map<FinishReason, Long> finished = new EnumMap<>(FinishReason.class);

  @Override
  public void schedulerState(int running, int waiting, double kvCacheUsage) {
    minKvUsage = Math.min(minKvUsage, kvCacheUsage);
    maxKvUsage = Math.max(maxKvUsage, kvCacheUsage);
    maxRunning = Math.max(maxRunning, running);
    maxWaiting = Math.max(maxWaiting, waiting);
    lastRunning = running;
    lastWaiting = waiting;
    lastKvUsage = kvCacheUsage;
  }

  @Override
  public void requestPreempted() {
    preemptions++;
  }

  @Override
  public void firstToken(double timeToFirstTokenSeconds) {
    firstTokens++;
  }

  @Override
  public void stepFinished(StepReport step) {
    stepsInOrder &= step.endMicros() > lastStepEndMicros;
    lastStepEndMicros = step.endMicros();
    steps++;
    generationTokens += step.generationTokens();
    promptTokens += step.promptTokens();
  }

  @Override
  public void requestFinished(FinishedRequest request) {
    finished.merge(request.reason(), 1L, Long::sum);
  }

  long finishedTotal() {
    return finished.values().stream().mapToLong(Long::longValue).sum();
  }
}
