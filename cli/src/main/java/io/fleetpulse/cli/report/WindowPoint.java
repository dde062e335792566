package io.fleetpulse.cli.report;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.LatencySource;
import io.fleetpulse.schemas.contract.Scope;

/**
 * The few values of one tier window the report uses: what is kept of a record once it is decoded,
 * so that reading a week holds a small projection per window rather than every Avro record.
 *
 * @param series the scope key the window belongs to, e.g. {@code model/llama-8b}
 * @param nodesUp the most nodes up at once in the window
 * @param nodeSecondsUp node-seconds up: over the window's live windows, the nodes up in each times
 *     its length (the tier's own count; {@link #nodesUp} times the length counts a node that went
 *     down mid-window as up and down for the whole window)
 * @param ttftP99 p99 time to first token, seconds, or null
 * @param ttftSource {@code events} or {@code histogram}: where {@link #ttftP99} came from
 */
public record WindowPoint(
    String tier,
    String series,
    long startMs,
    long endMs,
    Double generationTokens,
    Double promptTokens,
    Double generationTokensPerSecond,
    Double kvCacheUsageMax,
    int nodesUp,
    int nodesDown,
    double nodeSecondsUp,
    double nodeSecondsDown,
    Double ttftP99,
    String ttftSource,
    Double interTokenP99,
    String interTokenSource,
    Double queueTimeP99) {

  static final double P99 = 0.99;

  public static WindowPoint of(String tier, RollupWindow rollup) {
    FleetWindow window = rollup.getWindow();
    LatencyQuantile ttft = p99(window, LatencyFamily.TIME_TO_FIRST_TOKEN);
    LatencyQuantile itl = p99(window, LatencyFamily.INTER_TOKEN_LATENCY);
    LatencyQuantile queue = p99(window, LatencyFamily.QUEUE_TIME);
    return new WindowPoint(
        tier,
        Scope.fromLabel(window.getScope())
            .key(window.getCluster(), window.getModel(), window.getNode()),
        window.getWindowStartMs().toEpochMilli(),
        window.getWindowEndMs().toEpochMilli(),
        window.getGenerationTokens(),
        window.getPromptTokens(),
        window.getGenerationTokensPerSecond(),
        window.getKvCacheUsageMax(),
        window.getNodesUp(),
        window.getNodesDown(),
        rollup.getNodeSecondsUp(),
        rollup.getNodeSecondsDown(),
        ttft == null ? null : ttft.getValue(),
        ttft == null ? null : ttft.getSource(),
        itl == null ? null : itl.getValue(),
        itl == null ? null : itl.getSource(),
        queue == null ? null : queue.getValue());
  }

  /** The key a compacted tier topic has one value for: a re-emitted window replaces the first. */
  String key() {
    return tier + '|' + series + '|' + startMs;
  }

  double hours() {
    return (endMs - startMs) / 3_600_000.0;
  }

  /**
   * The family's p99 from request events where the window has them, since their sketch is exact to
   * 1%, else from merged histogram buckets, which can only be interpolated.
   */
  private static LatencyQuantile p99(FleetWindow window, LatencyFamily family) {
    LatencyQuantile fromHistogram = null;
    for (LatencyQuantile quantile : window.getLatency()) {
      if (!quantile.getFamily().equals(family.id()) || quantile.getQuantile() != P99) {
        continue;
      }
      if (quantile.getSource().equals(LatencySource.EVENTS.id())) {
        return quantile;
      }
      fromHistogram = quantile;
    }
    return fromHistogram;
  }
}
