package io.fleetpulse.collector.scrape;

/** A scrape that got nothing usable; the message is the reason its Scrape record carries. */
final class ScrapeFailure extends RuntimeException {

  private final FailureCategory category;

  ScrapeFailure(FailureCategory category, String reason) {
    super(reason);
    this.category = category;
  }

  ScrapeFailure(FailureCategory category, String reason, Throwable cause) {
    super(reason, cause);
    this.category = category;
  }

  FailureCategory category() {
    return category;
  }
}
