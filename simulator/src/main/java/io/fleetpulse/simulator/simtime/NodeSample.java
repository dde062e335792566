package io.fleetpulse.simulator.simtime;

/**
 * A node's state at one scrape instant, from the model itself (whatever its engine exposes): the
 * gauges, and cumulative counts since the run began (never reset by a restart).
 *
 * @param decodeTokens tokens produced by requests already decoding, each one inter-token gap
 * @param decodeSeconds the sum of those gaps
 */
public record NodeSample(
    long epochMillis,
    boolean up,
    int running,
    int waiting,
    double kvCacheUsage,
    long prefixQueryTokens,
    long prefixHitTokens,
    long decodeTokens,
    double decodeSeconds,
    long preemptions) {

  /** Mean inter-token latency between two samples; NaN when no token was decoded in between. */
  public static double interTokenLatencySeconds(NodeSample from, NodeSample to) {
    long tokens = to.decodeTokens - from.decodeTokens;
    return tokens == 0 ? Double.NaN : (to.decodeSeconds - from.decodeSeconds) / tokens;
  }

  /** Prefix-cache hits over queries between two samples; NaN when nothing was looked up. */
  public static double prefixHitRatio(NodeSample from, NodeSample to) {
    long queries = to.prefixQueryTokens - from.prefixQueryTokens;
    return queries == 0
        ? Double.NaN
        : (double) (to.prefixHitTokens - from.prefixHitTokens) / queries;
  }
}
