package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.SignalName;
import java.util.Locale;
import java.util.Optional;

/**
 * Preemption storm: preemptions per 1,000 generated tokens, so that the level means the same on one
 * small node and on a large fleet; the per-second floor keeps a rare preemption on a nearly idle
 * scope from counting.
 */
final class PreemptionStormDetector extends WindowDetector {

  private final SignalsConfig.Preemption config;

  PreemptionStormDetector(SignalsConfig.Preemption config) {
    super(SignalName.PREEMPTION_STORM, Severity.WARNING, config);
    this.config = config;
  }

  @Override
  public Optional<Evaluation> evaluate(FleetWindow window, DetectorMemory memory) {
    Double preemptions = window.getPreemptionsPerSecond();
    Double tokens = window.getGenerationTokensPerSecond();
    if (preemptions == null || tokens == null || !(tokens > 0)) {
      return Optional.empty();
    }
    double per1k = preemptions / tokens * 1000;
    boolean entering = per1k >= config.perThousandTokens() && preemptions >= config.minPerSecond();
    boolean clearing =
        per1k < config.clearPerThousandTokens() || preemptions < config.minPerSecond() / 2;
    String reason =
        String.format(
            Locale.ROOT,
            "%.2f preemptions per 1k generated tokens (%.2f/s at %.0f tokens/s) against %.2f",
            per1k,
            preemptions,
            tokens,
            config.perThousandTokens());
    return Optional.of(
        new Evaluation(per1k, config.perThousandTokens(), entering, clearing, reason));
  }
}
