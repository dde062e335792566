package io.fleetpulse.simulator.simtime;

import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.StepReport;
import io.fleetpulse.simulator.truth.TokenHistory;

/**
 * The tokens a node processed, never reset by a restart, recorded at every whole simulated second:
 * the count of the steps that ended at or before it. A day of one node is 86,400 entries however
 * fast it steps, and the answer is exact at whole seconds, where windows and scrapes of
 * whole-second intervals fall.
 */
final class SecondLedger implements EngineListener {

  private static final long SECOND = 1_000_000;

  private final TokenHistory history;
  private final long startEpochMicros;
  private long nextBoundaryMicros;
  private long generationTokens;
  private long promptTokens;

  SecondLedger(TokenHistory history, long startEpochMicros) {
    this.history = history;
    this.startEpochMicros = startEpochMicros;
  }

  @Override
  public void stepFinished(StepReport step) {
    recordThrough(step.endMicros() - 1);
    generationTokens += step.generationTokens();
    promptTokens += step.promptTokens();
  }

  /** Records every boundary at or before {@code micros} since the start. */
  void recordThrough(long micros) {
    while (nextBoundaryMicros <= micros) {
      history.record(startEpochMicros + nextBoundaryMicros, generationTokens, promptTokens);
      nextBoundaryMicros += SECOND;
    }
  }
}
