package io.fleetpulse.cli.scenario;

import java.time.Duration;

/** Told after every scrape round of a fed scenario. */
@FunctionalInterface
public interface FeedProgress {

  FeedProgress NONE = (done, total, records) -> {};

  void progressed(Duration simulatedDone, Duration simulatedTotal, long recordsProduced);
}
