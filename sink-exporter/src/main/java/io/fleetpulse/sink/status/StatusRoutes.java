package io.fleetpulse.sink.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fleetpulse.sink.LatestWindows;
import io.fleetpulse.sink.history.BadParameter;
import io.fleetpulse.sink.history.TierWindows;
import io.fleetpulse.sink.history.WindowsQuery;
import io.fleetpulse.sink.signal.LatestSignals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything the sink serves besides /metrics: the status page at {@code /}, its data at {@link
 * #STATUS_PATH}, and the rollup tiers' windows at {@link #WINDOWS_PATH}. The page is one
 * self-contained file (inline CSS and script, nothing fetched from elsewhere), which the
 * Content-Security-Policy enforces.
 */
public final class StatusRoutes implements HttpHandler {

  public static final String STATUS_PATH = "/api/v1/status";
  public static final String WINDOWS_PATH = "/api/v1/windows";
  private static final String PAGE_RESOURCE = "status.html";
  private static final String CSP =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
          + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final byte[] page;
  private final LatestWindows windows;
  private final LatestSignals signals;
  private final WindowHistory history;
  private final TierWindows tiers;
  private final Duration staleAfter;
  private final Clock clock;

  public StatusRoutes(
      LatestWindows windows,
      LatestSignals signals,
      WindowHistory history,
      TierWindows tiers,
      Duration staleAfter,
      Clock clock) {
    this.page = readPage();
    this.windows = windows;
    this.signals = signals;
    this.history = history;
    this.tiers = tiers;
    this.staleAfter = staleAfter;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      if (!head && !"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(
            exchange,
            405,
            "text/plain; charset=utf-8",
            "only GET and HEAD\n".getBytes(StandardCharsets.UTF_8),
            false);
      } else if ("/".equals(path) || "/index.html".equals(path)) {
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        respond(exchange, 200, "text/html; charset=utf-8", page, head);
      } else if (STATUS_PATH.equals(path)) {
        respond(exchange, 200, "application/json", status(), head);
      } else if (WINDOWS_PATH.equals(path)) {
        windows(exchange, head);
      } else {
        respond(
            exchange,
            404,
            "text/plain; charset=utf-8",
            ("no page "
                    + path
                    + "; try / (status), /metrics, "
                    + STATUS_PATH
                    + " or "
                    + WINDOWS_PATH
                    + "\n")
                .getBytes(StandardCharsets.UTF_8),
            head);
      }
    }
  }

  private byte[] status() {
    Instant now = clock.instant();
    return StatusJson.write(
        now,
        staleAfter,
        windows.current(now),
        signals.current(now),
        history.since(now.minus(WindowHistory.SPAN)));
  }

  private void windows(HttpExchange exchange, boolean head) throws IOException {
    WindowsQuery query;
    try {
      query = WindowsQuery.parse(exchange.getRequestURI().getRawQuery(), clock.instant());
    } catch (BadParameter e) {
      respond(exchange, 400, "application/json", HistoryJson.error(e), head);
      return;
    }
    byte[] body =
        HistoryJson.windows(
            query,
            tiers.windows(query.tier(), query.seriesKey(), query.sinceMs(), query.untilMs()),
            tiers.config().maxWindows());
    respond(exchange, 200, "application/json", body, head);
  }

  private static void respond(
      HttpExchange exchange, int status, String type, byte[] body, boolean head)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] readPage() {
    try (InputStream in = StatusRoutes.class.getResourceAsStream(PAGE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "status page resource " + PAGE_RESOURCE + " missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the status page resource failed", e);
    }
  }
}
