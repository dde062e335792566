package io.fleetpulse.streams.decode;

import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.streams.window.WindowPolicy;

/**
 * Whether a decoded scrape can be used: its names bounded, its timestamp one windows and the broker
 * hold.
 */
public final class ScrapeChecks implements RecordChecks<Scrape> {

  @Override
  public String problem(Scrape scrape, long wallClockMs) {
    String name = RecordChecks.nameProblem("cluster", scrape.getCluster());
    if (name == null) {
      name = RecordChecks.nameProblem("instance", scrape.getInstance());
    }
    if (name != null) {
      return "scrape: " + name;
    }
    String time =
        WindowPolicy.eventTimeProblem(scrape.getTimestampMs().toEpochMilli(), wallClockMs);
    return time == null
        ? null
        : "scrape of " + scrape.getCluster() + "/" + scrape.getInstance() + ": " + time;
  }
}
