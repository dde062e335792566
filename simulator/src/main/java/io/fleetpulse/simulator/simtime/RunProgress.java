package io.fleetpulse.simulator.simtime;

import java.time.Duration;

/** Told after every scrape round of a simulated-time run. */
@FunctionalInterface
public interface RunProgress {

  RunProgress NONE = (done, total, scrapes, requests) -> {};

  void progressed(Duration simulatedDone, Duration simulatedTotal, long scrapes, long requests);
}
