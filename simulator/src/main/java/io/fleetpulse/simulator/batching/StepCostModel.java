package io.fleetpulse.simulator.batching;

/**
 * How long a step takes: a fixed cost, plus a little per request in the batch, plus the prompt
 * tokens it computes.
 */
final class StepCostModel {

  private final long baseMicros;
  private final double perSequenceMicros;
  private final double perPrefillTokenMicros;

  StepCostModel(EngineConfig config) {
    this.baseMicros = Math.max(1, config.stepBaseTime().toNanos() / 1000);
    this.perSequenceMicros = config.stepTimePerSequence().toNanos() / 1000.0;
    this.perPrefillTokenMicros = config.stepTimePerPrefillToken().toNanos() / 1000.0;
  }

  long durationMicros(int batchSize, int prefillTokens) {
    return baseMicros
        + Math.round(batchSize * perSequenceMicros + prefillTokens * perPrefillTokenMicros);
  }
}
