package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.SignalName;
import java.util.Optional;

/**
 * One detector over closed windows: pure math on a window and the detector's memory of its scope.
 */
abstract class WindowDetector {

  private final SignalName signal;
  private final String severity;
  private final SignalsConfig.Timing timing;

  WindowDetector(SignalName signal, String severity, SignalsConfig.Timing timing) {
    this.signal = signal;
    this.severity = severity;
    this.timing = timing;
  }

  final SignalName signal() {
    return signal;
  }

  final String severity() {
    return severity;
  }

  final SignalsConfig.Timing timing() {
    return timing;
  }

  /**
   * The evaluation of one window, or empty when the window lacks what the detector reads (nothing
   * is stored).
   */
  abstract Optional<Evaluation> evaluate(FleetWindow window, DetectorMemory memory);
}
