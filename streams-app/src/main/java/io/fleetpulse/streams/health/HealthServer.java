package io.fleetpulse.streams.health;

import io.fleetpulse.schemas.ListenAddress;
import io.fleetpulse.schemas.web.WebSecurity;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/** The streams app's /metrics endpoint, secured as its web config file says. */
public final class HealthServer implements AutoCloseable {

  private final HTTPServer server;

  private HealthServer(HTTPServer server) {
    this.server = server;
  }

  public static HealthServer start(
      ListenAddress listen, WebSecurity web, PrometheusRegistry registry) throws IOException {
    return new HealthServer(
        HTTPServer.builder()
            .hostname(listen.host())
            .port(listen.port())
            .httpsConfigurator(web.httpsConfigurator())
            .authenticator(web.authenticator())
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
