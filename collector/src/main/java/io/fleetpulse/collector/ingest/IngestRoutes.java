package io.fleetpulse.collector.ingest;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.publish.RequestEventPublisher;
import java.time.Clock;
import java.util.List;

/**
 * Puts the request-event routes on an HTTP server: JSON lines on /v1/requests, OTLP traces on
 * /v1/traces.
 */
public final class IngestRoutes {

  public static final String REQUESTS_PATH = "/v1/requests";
  public static final String TRACES_PATH = "/v1/traces";

  private IngestRoutes() {}

  /**
   * @return the contexts created, for the caller's filters
   */
  public static List<HttpContext> addTo(
      HttpServer server,
      IngestConfig config,
      RequestEventPublisher publisher,
      CollectorMetrics metrics,
      Clock clock) {
    RequestEventValidator validator = new RequestEventValidator(clock, config);
    return List.of(
        server.createContext(
            REQUESTS_PATH,
            new IngestRoute(
                REQUESTS_PATH, new JsonLinesFormat(validator), publisher, metrics, config)),
        server.createContext(
            TRACES_PATH,
            new IngestRoute(
                TRACES_PATH, new OtlpTracesFormat(validator), publisher, metrics, config)));
  }
}
