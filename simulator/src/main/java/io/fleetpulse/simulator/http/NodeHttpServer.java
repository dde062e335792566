package io.fleetpulse.simulator.http;

import java.io.IOException;

/**
 * One node's /metrics listener on the loopback interface, served by the fleet's shared server. The
 * first start binds an ephemeral port; later starts bind the same port again, so a stopped node
 * comes back where its scrape target points.
 */
public final class NodeHttpServer {

  private final MetricsSource source;
  private final LoopbackHttpServer server;
  private LoopbackHttpServer.Listener listener;
  private int port;

  /**
   * @param server shared by every node, so a fleet needs no thread per node
   */
  public NodeHttpServer(MetricsSource source, LoopbackHttpServer server) {
    this.source = source;
    this.server = server;
  }

  public synchronized void start() throws IOException {
    if (listener != null) {
      return;
    }
    try {
      listener = server.listen(port, source);
    } catch (IOException e) {
      throw new IOException(
          "cannot bind simulated node to 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    port = listener.port();
  }

  /**
   * Closes the listener and its connections at once: connections are refused until the next {@link
   * #start()}.
   */
  public synchronized void stop() {
    if (listener != null) {
      listener.close();
      listener = null;
    }
  }

  public synchronized int port() {
    return port;
  }
}
