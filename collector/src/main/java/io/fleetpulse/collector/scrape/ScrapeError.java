package io.fleetpulse.collector.scrape;

/**
 * A failed scrape's reason, in words for its record and as a category for the failure counter.
 * Public so a feeder other than the HTTP scraper (the simulated-time one) can record a target as
 * down the same way.
 */
public record ScrapeError(FailureCategory category, String reason) {}
