package io.fleetpulse.simulator;

/**
 * Maps wall-clock time to a node's engine time. A stopped node is frozen (no work, no arrivals), so
 * engine time is wall time minus every stretch the node spent stopped. Microseconds throughout.
 */
final class NodeClock {

  private long stoppedMicrosTotal;
  private long stoppedSinceWallMicros = -1;

  boolean stopped() {
    return stoppedSinceWallMicros >= 0;
  }

  long engineMicros(long wallMicros) {
    return (stopped() ? stoppedSinceWallMicros : wallMicros) - stoppedMicrosTotal;
  }

  long wallMicros(long engineMicros) {
    return engineMicros + stoppedMicrosTotal;
  }

  void stop(long wallMicros) {
    if (!stopped()) {
      stoppedSinceWallMicros = wallMicros;
    }
  }

  void resume(long wallMicros) {
    if (stopped()) {
      stoppedMicrosTotal += Math.max(0, wallMicros - stoppedSinceWallMicros);
      stoppedSinceWallMicros = -1;
    }
  }
}
