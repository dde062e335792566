package io.fleetpulse.cli.scenario;

import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;

/** Where a fed scenario's records go: Kafka, or a callback that keeps them in memory. */
public interface ScenarioOutput {

  /** A scrape, whose simulated time is its Kafka timestamp ({@code EventTime}), as a request's. */
  void scrape(String key, Scrape scrape);

  void request(String key, RequestEvent event);

  /** Waits until everything handed over is delivered; throws when anything was not. */
  default void flush() {}
}
