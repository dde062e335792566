package io.fleetpulse.cli.scenario;

import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;

/** Where a fed scenario's records go: Kafka, or a callback that keeps them in memory. */
public interface ScenarioOutput {

  /**
   * @param timestampMs the simulated instant, as the record's Kafka timestamp
   */
  void scrape(String key, long timestampMs, Scrape scrape);

  void request(String key, long timestampMs, RequestEvent event);

  /** Waits until everything handed over is delivered; throws when anything was not. */
  default void flush() {}
}
