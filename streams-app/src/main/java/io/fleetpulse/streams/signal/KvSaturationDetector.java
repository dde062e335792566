package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.schemas.contract.SignalName;
import java.util.Locale;
import java.util.Optional;

/**
 * KV-cache saturation: the usage level, and the time until full predicted by a least-squares line
 * over recent windows (PromQL's predict_linear). A prediction counts only from a rise the fit holds
 * significant (three standard errors, widened for the series' autocorrelation), so a noisy scope's
 * wandering does not: that test, not a pessimistic slope, is what keeps steady and diurnal fleets
 * quiet, and it lets the warning come while the cache is half full. Above node scope it reads the
 * p90 across nodes, i.e. whether a tenth of the scope's nodes are there; a node reads its own
 * usage.
 */
final class KvSaturationDetector extends WindowDetector {

  private static final String USAGE = "usage";

  private final SignalsConfig.KvCache config;

  KvSaturationDetector(SignalsConfig.KvCache config) {
    super(SignalName.KV_CACHE_SATURATION, Severity.WARNING, config);
    this.config = config;
  }

  @Override
  public Optional<Evaluation> evaluate(FleetWindow window, DetectorMemory memory) {
    boolean node = Scope.fromLabel(window.getScope()) == Scope.NODE;
    Double p90 = window.getKvCacheUsageP90();
    Double level = node || p90 == null ? window.getKvCacheUsageMax() : p90;
    if (level == null || !Double.isFinite(level)) {
      return Optional.empty();
    }
    String stat = node || p90 == null ? "max" : "p90";
    Optional<LeastSquaresSlope> fit =
        LeastSquaresSlope.fit(memory.append(USAGE, level, config.fitOver()));
    Optional<Double> secondsToFull = fit.flatMap(line -> line.secondsUntil(1.0));
    double horizon = config.horizon().toMillis() / 1000.0;
    boolean fillsSoon = !node && secondsToFull.filter(seconds -> seconds <= horizon).isPresent();
    boolean entering = level >= config.level() || (fillsSoon && level >= config.minLevel());
    boolean clearing =
        level < config.clearLevel()
            && secondsToFull.filter(seconds -> seconds <= 2 * horizon).isEmpty();
    String reason =
        String.format(
                Locale.ROOT, "KV-cache usage %s %.2f against %.2f", stat, level, config.level())
            + secondsToFull
                .map(
                    seconds ->
                        String.format(
                            Locale.ROOT,
                            ", full in %.0f s by the trend (fires when full within %.0f s above %.2f)",
                            seconds,
                            horizon,
                            config.minLevel()))
                .orElse(", not rising");
    return Optional.of(
        new Evaluation(
            level, config.level(), entering, clearing, reason, secondsToFull.orElse(null)));
  }
}
