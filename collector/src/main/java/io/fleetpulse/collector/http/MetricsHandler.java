package io.fleetpulse.collector.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The collector's own metrics at /metrics, in whichever text format the scraper's Accept header
 * prefers.
 */
final class MetricsHandler implements HttpHandler {

  static final String PATH = "/metrics";

  private final PrometheusRegistry registry;
  private final ExpositionFormats formats = ExpositionFormats.init();

  MetricsHandler(PrometheusRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        CollectorHttpServer.notFound(exchange);
        return;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      ExpositionFormatWriter writer =
          formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
      ByteArrayOutputStream page = new ByteArrayOutputStream();
      writer.write(page, registry.scrape());
      exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, page.size());
      try (OutputStream out = exchange.getResponseBody()) {
        page.writeTo(out);
      }
    }
  }
}
