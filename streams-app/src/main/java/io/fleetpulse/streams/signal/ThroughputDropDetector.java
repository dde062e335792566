package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.SignalName;
import java.util.Locale;
import java.util.Optional;

/**
 * Throughput drop while demand holds: generation tokens/s well below their slow EWMA baseline while
 * the requests in the system (running + waiting) are not falling below theirs. Demand falling with
 * throughput is a quiet hour, not a fault; both baselines learn only while quiet.
 */
final class ThroughputDropDetector extends WindowDetector {

  private static final String TOKENS = "tokens";
  private static final String DEMAND = "demand";

  private final SignalsConfig.Throughput config;

  ThroughputDropDetector(SignalsConfig.Throughput config) {
    super(SignalName.THROUGHPUT_DROP, Severity.CRITICAL, config);
    this.config = config;
  }

  @Override
  public Optional<Evaluation> evaluate(FleetWindow window, DetectorMemory memory) {
    Double tokens = window.getGenerationTokensPerSecond();
    Double running = window.getRequestsRunningSum();
    if (tokens == null || running == null) {
      return Optional.empty();
    }
    Double waiting = window.getRequestsWaitingSum();
    double demand = running + (waiting == null ? 0 : waiting);
    double tokensBaseline = memory.learn(TOKENS, tokens, config.baselineHalfLife());
    double demandBaseline = memory.learn(DEMAND, demand, config.baselineHalfLife());
    double floor = 1 - config.drop();
    if (tokensBaseline < config.minTokensPerSecond()) {
      String idle =
          String.format(
              Locale.ROOT,
              "generation baseline %.1f tokens/s is below the %.1f tokens/s floor",
              tokensBaseline,
              config.minTokensPerSecond());
      return Optional.of(new Evaluation(1, floor, false, true, idle));
    }
    double ratio = tokens / tokensBaseline;
    boolean demandHeld = demand >= (1 - config.demandTolerance()) * demandBaseline;
    boolean entering = ratio <= floor && demandHeld;
    boolean clearing =
        ratio > 1 - config.clearDrop()
            || demand < (1 - 2 * config.demandTolerance()) * demandBaseline;
    String reason =
        String.format(
            Locale.ROOT,
            "generation %.0f tokens/s, %.0f%% of its baseline %.0f tokens/s (fires at %.0f%%), while demand is %.0f"
                + " requests against its baseline %.0f",
            tokens,
            ratio * 100,
            tokensBaseline,
            floor * 100,
            demand,
            demandBaseline);
    return Optional.of(new Evaluation(ratio, floor, entering, clearing, reason));
  }
}
