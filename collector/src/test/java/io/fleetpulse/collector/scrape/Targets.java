package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Scrape targets for tests of the scrape package. */
final class Targets {

  private Targets() {}

  static ScrapeJob job(String name, Duration interval) {
    ScrapeConfig config = new ScrapeConfig(name, interval, interval, null, null, null);
    return ScrapeJob.of(new CollectorConfig(null, null, List.of(config)).scrapeConfigs().get(0));
  }

  static ScrapeTarget target(ScrapeJob job, String address) {
    return ScrapeTarget.of(job, new StaticConfig(List.of(address), Map.of())).get(0);
  }
}
