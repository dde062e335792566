package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.streams.state.DetectorPoint;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * TTFT SLO burn rate over a fast and a slow window (the SRE workbook's multi-window,
 * multi-burn-rate alert): each window's slow requests are estimated from its TTFT quantiles ({@link
 * TtftBadFraction}) times its request count, summed over each window; the burn rate is the share of
 * slow requests over the error budget {@code 1 - objective}. Firing needs both windows at the burn
 * rate (the slow one proves it matters, the fast one that it is still happening); it clears when
 * the fast one drops below. The sums are kept in buckets of a tenth of the fast window, so the
 * state stays small (an hour in 30 s buckets is 120 points) and both windows' edges move in steps
 * of one bucket.
 */
final class TtftBurnRateDetector extends WindowDetector {

  private static final String REQUESTS = "requests";
  private static final String SLOW = "slow";
  private static final int BUCKETS_PER_FAST_WINDOW = 10;

  private final SignalsConfig.TtftSlo config;

  TtftBurnRateDetector(SignalsConfig.TtftSlo config) {
    super(SignalName.TTFT_SLO_BURN, Severity.CRITICAL, config);
    this.config = config;
  }

  @Override
  public Optional<Evaluation> evaluate(FleetWindow window, DetectorMemory memory) {
    Optional<WindowLatencies> ttft = WindowLatencies.of(window, LatencyFamily.TIME_TO_FIRST_TOKEN);
    if (ttft.isEmpty()) {
      return Optional.empty();
    }
    double thresholdSeconds = config.threshold().toMillis() / 1000.0;
    double count = ttft.get().count();
    double slow = count * TtftBadFraction.estimate(ttft.get().quantiles(), thresholdSeconds);
    Duration bucket = bucket(config.fastWindow());
    List<DetectorPoint> counts = memory.accumulate(REQUESTS, count, bucket, config.slowWindow());
    List<DetectorPoint> slows = memory.accumulate(SLOW, slow, bucket, config.slowWindow());
    long fastFrom = memory.nowMs() - config.fastWindow().toMillis();
    double fastShare = share(slows, counts, fastFrom);
    double slowShare = share(slows, counts, Long.MIN_VALUE);
    double budget = 1 - config.objective();
    double fastBurn = fastShare / budget;
    double slowBurn = slowShare / budget;
    boolean entering = fastBurn >= config.burnRate() && slowBurn >= config.burnRate();
    String reason =
        String.format(
            Locale.ROOT,
            "%.1f%% of requests over %.2f s TTFT in %s, %.1f%% in %s: burn rate %.1fx and %.1fx against %.1fx",
            fastShare * 100,
            thresholdSeconds,
            PrometheusDuration.format(config.fastWindow()),
            slowShare * 100,
            PrometheusDuration.format(config.slowWindow()),
            fastBurn,
            slowBurn,
            config.burnRate());
    return Optional.of(
        new Evaluation(
            fastBurn, config.burnRate(), entering, fastBurn < config.burnRate(), reason));
  }

  /**
   * A tenth of the fast window (at least a second): the windows' edges move in steps that small.
   */
  private static Duration bucket(Duration fastWindow) {
    return Duration.ofMillis(Math.max(1000, fastWindow.toMillis() / BUCKETS_PER_FAST_WINDOW));
  }

  private static double share(List<DetectorPoint> slows, List<DetectorPoint> counts, long fromMs) {
    double slow = sumFrom(slows, fromMs);
    double count = sumFrom(counts, fromMs);
    return count > 0 ? Math.min(1, slow / count) : 0;
  }

  private static double sumFrom(List<DetectorPoint> points, long fromMs) {
    return points.stream()
        .filter(point -> point.getAtMs() > fromMs)
        .mapToDouble(DetectorPoint::getValue)
        .sum();
  }
}
