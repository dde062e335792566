package io.fleetpulse.simulator.simtime;

import io.fleetpulse.simulator.batching.FinishedRequest;
import java.time.Instant;

/**
 * Where a simulated-time run delivers what a collector would see, in the order it happens per node.
 */
public interface SimulationSink {

  /** The node's /metrics page at {@code at}. */
  void scrape(NodeIdentity node, Instant at, byte[] body, String contentType);

  /** A scrape at {@code at} found the node down: the connection was refused. */
  void scrapeRefused(NodeIdentity node, Instant at);

  /**
   * A request the node finished (or whose client gave up), ending at epoch microseconds {@code
   * endEpochMicros}.
   */
  void requestFinished(NodeIdentity node, FinishedRequest request, long endEpochMicros);
}
