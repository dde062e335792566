package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.streams.state.DetectorPoint;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Capacity reached: the waiting queue grows (a least-squares trend that clears its noise) while the
 * requests running stay flat near their recent maximum, i.e. the servers take no more work and the
 * rest piles up. Growth is measured against the running requests, so the threshold scales with the
 * scope.
 */
final class CapacityReachedDetector extends WindowDetector {

  private static final String WAITING = "waiting";
  private static final String RUNNING = "running";

  private final SignalsConfig.Capacity config;

  CapacityReachedDetector(SignalsConfig.Capacity config) {
    super(SignalName.CAPACITY_REACHED, Severity.WARNING, config);
    this.config = config;
  }

  @Override
  public Optional<Evaluation> evaluate(FleetWindow window, DetectorMemory memory) {
    Double waiting = window.getRequestsWaitingSum();
    Double running = window.getRequestsRunningSum();
    if (waiting == null || running == null) {
      return Optional.empty();
    }
    double fitSeconds = config.fitOver().toMillis() / 1000.0;
    double nodes = Math.max(1, window.getNodesUp());
    double scale = Math.max(running, nodes);
    double growth =
        LeastSquaresSlope.fit(memory.append(WAITING, waiting, config.fitOver()))
            .filter(LeastSquaresSlope::risingSignificantly)
            .map(fit -> fit.slopePerSecond() * fitSeconds / scale)
            .orElse(0.0);
    List<DetectorPoint> runningPoints = memory.append(RUNNING, running, config.maxOver());
    double runningMax =
        runningPoints.stream().mapToDouble(DetectorPoint::getValue).max().orElse(running);
    double share = runningMax > 0 ? running / runningMax : 1;
    long fitFrom = memory.nowMs() - config.fitOver().toMillis();
    double runningRise =
        LeastSquaresSlope.fit(
                runningPoints.stream().filter(point -> point.getAtMs() >= fitFrom).toList())
            .map(fit -> fit.slopePerSecond() * fitSeconds)
            .orElse(0.0);
    // Running still climbing means the servers are still taking the load on: a queue then is a
    // burst, not a limit.
    boolean flat = runningRise <= config.runningTolerance() * Math.max(running, nodes);
    boolean nearMax = flat && share >= 1 - config.runningTolerance();
    boolean entering = growth >= config.growth() && nearMax && waiting >= nodes;
    boolean clearing = growth < config.clearGrowth() || share < 1 - 2 * config.runningTolerance();
    String reason =
        String.format(
            Locale.ROOT,
            "waiting %.0f, growing by %.2f of the %.0f running per %s (fires at %.2f) while running is at %.0f%% of its"
                + " recent max %.0f",
            waiting,
            growth,
            running,
            PrometheusDuration.format(config.fitOver()),
            config.growth(),
            share * 100,
            runningMax);
    return Optional.of(new Evaluation(growth, config.growth(), entering, clearing, reason));
  }
}
