package io.fleetpulse.collector.publish;

import io.fleetpulse.schemas.Scrape;

/**
 * Where finished scrapes go. Called from scrape worker threads, so implementations are thread-safe.
 */
public interface ScrapePublisher extends AutoCloseable {

  /**
   * Hands one whole scrape over; delivery problems are the publisher's to log and count, not to
   * throw, except a record too large to deliver, which is refused here so that the caller can
   * report the scrape as down.
   */
  void publish(Scrape scrape) throws RecordTooLargeException;

  /** Delivers what is still buffered, then releases the publisher. */
  @Override
  void close();
}
