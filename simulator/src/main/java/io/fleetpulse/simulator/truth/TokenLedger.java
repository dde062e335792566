package io.fleetpulse.simulator.truth;

import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.StepReport;
import java.util.function.LongUnaryOperator;

/**
 * The tokens a node really processed: the same per-step amounts its counters add, but never reset
 * by a restart, recorded after every step at the wall-clock time the step ended.
 */
public final class TokenLedger implements EngineListener {

  private final TokenHistory history;
  private final LongUnaryOperator engineToWallMicros;
  private long generationTokens;
  private long promptTokens;

  public TokenLedger(TokenHistory history, LongUnaryOperator engineToWallMicros) {
    this.history = history;
    this.engineToWallMicros = engineToWallMicros;
  }

  @Override
  public void stepFinished(StepReport step) {
    generationTokens += step.generationTokens();
    promptTokens += step.promptTokens();
    history.record(
        engineToWallMicros.applyAsLong(step.endMicros()), generationTokens, promptTokens);
  }
}
