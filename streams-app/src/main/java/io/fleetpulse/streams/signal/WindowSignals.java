package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.streams.state.DetectorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs every window detector over one closed window of one scope: only windows of the configured
 * size that were observed for long enough (a start or a joining node would otherwise read as a
 * drop).
 */
public final class WindowSignals {

  private final SignalsConfig config;
  private final List<WindowDetector> detectors;

  public WindowSignals(SignalsConfig config) {
    this.config = config;
    this.detectors =
        List.of(
            new KvSaturationDetector(config.kvCache()),
            new QueueTimeRisingDetector(config.queueTime()),
            new CapacityReachedDetector(config.capacity()),
            new PreemptionStormDetector(config.preemption()),
            new TtftBurnRateDetector(config.ttftSlo()),
            new ThroughputDropDetector(config.throughput()));
  }

  /** Whether the detectors read this window at all. */
  public boolean reads(FleetWindow window) {
    return window.getWindow().equals(config.windowName())
        && window.getObservedRatio() >= config.minObservedRatio();
  }

  /** The signals this window publishes, after stepping every detector's state in {@code store}. */
  List<Signal> evaluate(FleetWindow window, SignalStore<DetectorState> store) {
    if (!reads(window)) {
      return List.of();
    }
    SignalTarget target = SignalTarget.of(window);
    long nowMs = window.getWindowEndMs().toEpochMilli();
    DetectorRun run = new DetectorRun(store);
    List<Signal> signals = new ArrayList<>(detectors.size());
    for (WindowDetector detector : detectors) {
      Hysteresis hysteresis =
          Hysteresis.timed(nowMs, detector.timing().pendingFor(), config.keepFiringFor());
      Optional<Signal> signal =
          run.run(
              target,
              detector.signal(),
              detector.severity(),
              nowMs,
              detector.timing().warmUp(),
              hysteresis,
              memory -> detector.evaluate(window, memory));
      signal.ifPresent(signals::add);
    }
    return signals;
  }
}
