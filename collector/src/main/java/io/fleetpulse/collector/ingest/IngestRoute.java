package io.fleetpulse.collector.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.publish.RequestEventPublisher;
import io.fleetpulse.schemas.logging.LogThrottle;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest route: POST only, the bearer token when one is configured, a bounded body; then the
 * format decodes it, every accepted event is published, and the client gets the format's answer.
 * Logs one line per request it refuses or from which it rejects anything (at most one per quiet
 * period, with a count), never one per item.
 */
final class IngestRoute implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(IngestRoute.class);

  /** A client repeating a mistake gets one line per quiet period, with the count of the others. */
  private static final Duration LOG_QUIET = Duration.ofSeconds(10);

  private final String path;
  private final IngestFormat format;
  private final BatchPublisher publisher;
  private final BearerToken token;
  private final int maxBodyBytes;
  private final LogThrottle refusals = LogThrottle.every(LOG_QUIET);

  IngestRoute(
      String path,
      IngestFormat format,
      RequestEventPublisher publisher,
      CollectorMetrics metrics,
      IngestConfig config) {
    this.path = path;
    this.format = format;
    this.publisher = new BatchPublisher(publisher, metrics, format.source());
    this.token = BearerToken.of(config);
    this.maxBodyBytes = config.maxBodyBytes();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Reply reply;
      try {
        reply = ingest(exchange);
      } catch (Refusal refusal) {
        long heldBack = refusals.occurred();
        if (heldBack >= 0) {
          log.warn(
              "refused {} {} from {}: {} {}{}",
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRemoteAddress(),
              refusal.status(),
              refusal.getMessage(),
              LogThrottle.heldBackSuffix(heldBack));
        }
        reply = format.refusal(refusal, exchange.getRequestHeaders().getFirst("Content-Type"));
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
      throw new Refusal(
          404, "no route " + exchange.getRequestURI().getPath() + "; ingest is at " + path);
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      throw new Refusal(405, path + " takes POST only, not " + exchange.getRequestMethod());
    }
    if (!token.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      throw new Refusal(401, "missing or wrong bearer token");
    }
    byte[] body = RequestBodies.read(exchange, maxBodyBytes);
    DecodedBatch batch =
        format.decode(
            body,
            exchange.getRequestHeaders().getFirst("Content-Type"),
            query(exchange.getRequestURI().getRawQuery()));
    DecodedBatch published =
        publisher.publish(
            batch,
            exchange.getRequestMethod() + " " + path + " from " + exchange.getRemoteAddress());
    return format.reply(published, exchange.getRequestHeaders().getFirst("Content-Type"));
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery == null) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        parameters.putIfAbsent(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }
}
