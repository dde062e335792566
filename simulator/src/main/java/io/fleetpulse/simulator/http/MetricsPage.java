package io.fleetpulse.simulator.http;

/**
 * One rendering of a node's /metrics.
 *
 * @param renderedAtEpochMs the wall-clock time whose state the page shows
 */
public record MetricsPage(byte[] body, long renderedAtEpochMs) {
}
