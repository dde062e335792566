package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.SignalName;
import java.util.Locale;
import java.util.Optional;

/**
 * Queue time rising: a queue-time quantile against a slow EWMA of the scope's own history. The
 * baseline learns only while the signal is quiet, so it follows a diurnal swing but not the rise it
 * is meant to catch; the absolute floor keeps an idle fleet's millisecond jitter from ever reading
 * as a large ratio.
 */
final class QueueTimeRisingDetector extends WindowDetector {

  private static final String BASELINE = "baseline";

  private final SignalsConfig.QueueTime config;

  QueueTimeRisingDetector(SignalsConfig.QueueTime config) {
    super(SignalName.QUEUE_TIME_RISING, Severity.WARNING, config);
    this.config = config;
  }

  @Override
  public Optional<Evaluation> evaluate(FleetWindow window, DetectorMemory memory) {
    Optional<Double> seen =
        WindowLatencies.of(window, LatencyFamily.QUEUE_TIME)
            .flatMap(latencies -> latencies.at(config.quantile()));
    if (seen.isEmpty()) {
      return Optional.empty();
    }
    double value = seen.get();
    double baseline = memory.learn(BASELINE, value, config.baselineHalfLife());
    double floor = config.floor().toMillis() / 1000.0;
    double enter = Math.max(config.ratio() * baseline, floor);
    double clear = enter * config.clearRatio() / config.ratio();
    String reason =
        String.format(
            Locale.ROOT,
            "p%.0f queue time %.3f s, %.1fx its baseline %.3f s (fires at %.1fx and at least %.3f s)",
            config.quantile() * 100,
            value,
            value / Math.max(baseline, 1e-9),
            baseline,
            config.ratio(),
            floor);
    return Optional.of(new Evaluation(value, enter, value >= enter, value < clear, reason));
  }
}
