package io.fleetpulse.streams.health;

import io.fleetpulse.schemas.ListenAddress;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/** The streams app's /metrics endpoint. */
public final class HealthServer implements AutoCloseable {

  private final HTTPServer server;

  private HealthServer(HTTPServer server) {
    this.server = server;
  }

  public static HealthServer start(ListenAddress listen, PrometheusRegistry registry)
      throws IOException {
    return new HealthServer(
        HTTPServer.builder()
            .hostname(listen.host())
            .port(listen.port())
            .registry(registry)
            .buildAndStart());
  }

  /** The bound port, which is a free one when port 0 was asked for. */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
