package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.SignalName;
import java.util.Optional;

/**
 * One detector over closed windows: pure math on a window and the detector's memory of its scope.
 */
interface WindowDetector {

  SignalName signal();

  String severity();

  SignalsConfig.Timing timing();

  /**
   * The evaluation of one window, or empty when the window lacks what the detector reads (nothing
   * is stored).
   */
  Optional<Evaluation> evaluate(FleetWindow window, DetectorMemory memory);
}
