package io.fleetpulse.sink.status;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.LatencyFamily;
import java.time.Instant;

/**
 * What the status page charts of one closed window: generation tokens/s, p99 time to first token
 * (from histograms, else events) and the highest KV-cache usage; null where the window has no
 * value.
 */
record HistoryPoint(
    Instant end,
    Double generationTokensPerSecond,
    Double timeToFirstTokenP99,
    Double kvCacheUsageMax) {

  static HistoryPoint of(FleetWindow window) {
    return new HistoryPoint(
        window.getWindowEndMs(),
        window.getGenerationTokensPerSecond(),
        LatencyView.of(window).quantile(LatencyFamily.TIME_TO_FIRST_TOKEN, 0.99),
        window.getKvCacheUsageMax());
  }
}
