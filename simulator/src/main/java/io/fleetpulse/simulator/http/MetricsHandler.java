package io.fleetpulse.simulator.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves GET and HEAD on exactly {@code /metrics}, like vLLM's API server; anything else gets 404
 * or 405.
 */
final class MetricsHandler {

  /** Not sent by vLLM; lets a test line a page up with the ground truth to the millisecond. */
  static final String RENDERED_AT_HEADER = "X-Simulator-Rendered-At-Ms";

  static final String PATH = "/metrics";
  private static final Logger LOG = LoggerFactory.getLogger(MetricsHandler.class);
  private static final byte[] NO_BODY = new byte[0];

  private final MetricsSource source;

  MetricsHandler(MetricsSource source) {
    this.source = source;
  }

  /** The whole response to one request; runs on a rendering thread, never the selector's. */
  byte[] respond(RequestHead request, String client) {
    boolean close = !request.keepAlive();
    if (!PATH.equals(request.path())) {
      LOG.info(
          "refused {} {} from {}: only {} is served",
          request.method(),
          request.path(),
          client,
          PATH);
      return new ResponseBytes(404, "Not Found").build(0, NO_BODY, close);
    }
    boolean head = "HEAD".equals(request.method());
    if (!head && !"GET".equals(request.method())) {
      LOG.info(
          "refused {} {} from {}: only GET and HEAD are allowed",
          request.method(),
          request.path(),
          client);
      return new ResponseBytes(405, "Method Not Allowed")
          .header("Allow", "GET, HEAD")
          .build(0, NO_BODY, close);
    }
    MetricsPage page;
    try {
      page = source.scrape();
    } catch (RuntimeException e) {
      LOG.error("failed to render {} for {}", PATH, client, e);
      return new ResponseBytes(500, "Internal Server Error").build(0, NO_BODY, close);
    }
    return new ResponseBytes(200, "OK")
        .header("Content-Type", page.contentType())
        .header(RENDERED_AT_HEADER, Long.toString(page.renderedAtEpochMs()))
        .build(page.body().length, head ? NO_BODY : page.body(), close);
  }

  /** The answer to a request the server could not read, after which it closes the connection. */
  static byte[] badRequest(String reason, String client) {
    LOG.info("refused a request from {}: {}", client, reason);
    return new ResponseBytes(400, "Bad Request").build(0, NO_BODY, true);
  }
}
