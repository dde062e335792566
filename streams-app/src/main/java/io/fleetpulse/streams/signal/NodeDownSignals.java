package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.NodeStats;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.streams.state.DetectorState;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Node down / scrape failing, per scrape rather than per window so that it fires within {@code
 * failed_scrapes} scrape intervals of a crash: pending at the first failed scrape, firing at the
 * n-th in a row, resolved at the next good one.
 */
public final class NodeDownSignals {

  private static final String FAILURES = "failures";

  private final SignalsConfig.NodeDown config;
  private final Hysteresis hysteresis;

  public NodeDownSignals(SignalsConfig.NodeDown config) {
    this.config = config;
    this.hysteresis =
        new Hysteresis(
            state -> state.getLevels().getOrDefault(FAILURES, 0.0) >= config.failedScrapes(),
            Duration.ZERO);
  }

  Optional<Signal> evaluate(NodeStats stats, SignalStore<DetectorState> store) {
    SignalTarget target = SignalTarget.node(stats.getCluster(), stats.getModel(), stats.getNode());
    return new DetectorRun(store)
        .run(
            target,
            SignalName.NODE_DOWN,
            Severity.CRITICAL,
            stats.getTimestampMs().toEpochMilli(),
            Duration.ZERO,
            hysteresis,
            memory -> Optional.of(evaluate(stats, memory)));
  }

  private Evaluation evaluate(NodeStats stats, DetectorMemory memory) {
    Double before = memory.level(FAILURES);
    double failures = stats.getUp() ? 0 : (before == null ? 0 : before) + 1;
    memory.level(FAILURES, failures);
    String reason =
        stats.getUp()
            ? "scrape succeeded"
            : String.format(
                Locale.ROOT,
                "%.0f scrapes in a row failed (fires at %d): %s",
                failures,
                config.failedScrapes(),
                stats.getError() == null ? "no reason given" : stats.getError());
    return new Evaluation(failures, config.failedScrapes(), failures >= 1, stats.getUp(), reason);
  }
}
