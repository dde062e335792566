package io.fleetpulse.collector.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.publish.RequestEventPublisher;
import io.fleetpulse.schemas.RequestEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest route: POST only, the bearer token when one is configured, a bounded body; then the format decodes
 * it, every accepted event is published, and the client gets the format's answer. Logs one line per request it
 * refuses or from which it rejects anything, never one per item.
 */
final class IngestRoute implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(IngestRoute.class);

  private final String path;
  private final IngestFormat format;
  private final RequestEventPublisher publisher;
  private final CollectorMetrics metrics;
  private final byte[] expectedAuthorization;
  private final int maxBodyBytes;

  IngestRoute(String path, IngestFormat format, RequestEventPublisher publisher, CollectorMetrics metrics,
      IngestConfig config) {
    this.path = path;
    this.format = format;
    this.publisher = publisher;
    this.metrics = metrics;
    this.expectedAuthorization = config.bearerToken() == null
        ? null : ("Bearer " + config.bearerToken()).getBytes(StandardCharsets.UTF_8);
    this.maxBodyBytes = config.maxBodyBytes();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Reply reply;
      try {
        reply = ingest(exchange);
      } catch (Refusal refusal) {
        log.warn("refused {} {} from {}: {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
            exchange.getRemoteAddress(), refusal.status(), refusal.getMessage());
        reply = format.refusal(refusal);
      }
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.sendResponseHeaders(reply.status(), reply.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }

  private Reply ingest(HttpExchange exchange) throws IOException, Refusal {
    if (!path.equals(exchange.getRequestURI().getPath())) {
      throw new Refusal(404, "no route " + exchange.getRequestURI().getPath() + "; ingest is at " + path);
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      throw new Refusal(405, path + " takes POST only, not " + exchange.getRequestMethod());
    }
    if (!authorized(exchange)) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      throw new Refusal(401, "missing or wrong bearer token");
    }
    byte[] body = RequestBodies.read(exchange, maxBodyBytes);
    DecodedBatch batch = format.decode(body, exchange.getRequestHeaders().getFirst("Content-Type"),
        query(exchange.getRequestURI().getRawQuery()));
    for (RequestEvent event : batch.events()) {
      publisher.publish(event);
    }
    metrics.requestEvents.labelValues(format.source(), "accepted").inc(batch.events().size());
    if (!batch.rejections().isEmpty()) {
      metrics.requestEvents.labelValues(format.source(), "rejected").inc(batch.rejections().size());
      DecodedBatch.Rejection first = batch.rejections().get(0);
      log.warn("{} {} from {}: accepted {}, rejected {} (first at {}: {})", exchange.getRequestMethod(), path,
          exchange.getRemoteAddress(), batch.events().size(), batch.rejections().size(), first.position(),
          first.reason());
    }
    return format.reply(batch);
  }

  private boolean authorized(HttpExchange exchange) {
    if (expectedAuthorization == null) {
      return true;
    }
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    // Constant-time, so the token cannot be guessed byte by byte from response times.
    return given != null && MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery == null) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        parameters.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }
}
