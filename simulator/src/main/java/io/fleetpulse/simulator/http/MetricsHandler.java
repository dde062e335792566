package io.fleetpulse.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fleetpulse.simulator.exposition.ExpositionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;

/** Serves GET and HEAD on exactly {@code /metrics}, like vLLM's API server. */
final class MetricsHandler implements HttpHandler {

    /** Not sent by vLLM; lets a test line a page up with the ground truth to the millisecond. */
    static final String RENDERED_AT_HEADER = "X-Simulator-Rendered-At-Ms";
    static final String PATH = "/metrics";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsHandler.class);

    private final MetricsSource source;

    MetricsHandler(MetricsSource source) {
        this.source = source;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!PATH.equals(path)) {
                LOG.info("refused {} {} from {}: only {} is served", method, path, exchange.getRemoteAddress(), PATH);
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            boolean head = "HEAD".equals(method);
            if (!head && !"GET".equals(method)) {
                LOG.info("refused {} {} from {}: only GET and HEAD are allowed", method, path, exchange.getRemoteAddress());
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            serve(exchange, head);
        }
    }

    private void serve(HttpExchange exchange, boolean head) throws IOException {
        MetricsPage page;
        try {
            page = source.scrape();
        } catch (RuntimeException e) {
            LOG.error("failed to render {} for {}", PATH, exchange.getRemoteAddress(), e);
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", ExpositionRegistry.CONTENT_TYPE);
        exchange.getResponseHeaders().set(RENDERED_AT_HEADER, Long.toString(page.renderedAtEpochMs()));
        if (head) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, page.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(page.body());
        }
    }
}
