package io.fleetpulse.collector.scrape;

/** A failed scrape's reason, in words for its record and as a category for the failure counter. */
record ScrapeError(FailureCategory category, String reason) {}
