package io.fleetpulse.simulator.http;

import io.fleetpulse.simulator.exposition.ExpositionRegistry;

/**
 * One rendering of a node's /metrics.
 *
 * @param renderedAtEpochMs the wall-clock time whose state the page shows
 * @param contentType what the node's engine sends it as
 */
public record MetricsPage(byte[] body, long renderedAtEpochMs, String contentType) {

  /** A page in the text format as prometheus_client (vLLM) serves it. */
  public MetricsPage(byte[] body, long renderedAtEpochMs) {
    this(body, renderedAtEpochMs, ExpositionRegistry.CONTENT_TYPE);
  }
}
