package io.fleetpulse.collector.scrape;

/** A scrape that reached the target but got nothing usable back; the message is the reason. */
final class ScrapeFailure extends RuntimeException {

  ScrapeFailure(String reason) {
    super(reason);
  }

  ScrapeFailure(String reason, Throwable cause) {
    super(reason, cause);
  }
}
