package io.fleetpulse.collector.scrape;

/**
 * A target's decoded /metrics body.
 *
 * @param contentType the response's Content-Type, null when it sent none
 */
record FetchedBody(byte[] body, String contentType) {}
