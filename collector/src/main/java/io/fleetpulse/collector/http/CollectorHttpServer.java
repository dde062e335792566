package io.fleetpulse.collector.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fleetpulse.collector.ingest.IngestConfig;
import io.fleetpulse.collector.ingest.IngestRoutes;
import io.fleetpulse.collector.ingest.OtlpGrpcServer;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.publish.RequestEventPublisher;
import io.fleetpulse.schemas.DaemonThreads;
import io.fleetpulse.schemas.ListenAddress;
import io.fleetpulse.schemas.web.WebSecurity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's HTTP endpoint ({@code collector.ingest.listen}): its own metrics on /metrics,
 * request events as JSON lines on /v1/requests and as OTLP/HTTP traces on /v1/traces.
 *
 * <p>Its web config file's TLS covers every route. Its basic auth guards /metrics, and the ingest
 * routes as well unless {@code bearer_token} is set: then they take the token alone, since one
 * request carries one {@code Authorization} header, and trace exporters send a bearer token.
 */
public final class CollectorHttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CollectorHttpServer.class);

  /**
   * Enough that slow clients leave room for others while {@link ServerTimeouts} cuts them off; the
   * work itself is short (decode, validate, hand to the buffer).
   */
  static final int WORKERS = 16;

  static {
    ServerTimeouts.install();
  }

  private static final long GRACE_MILLIS = 1000;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ActiveExchanges active;
  private final OtlpGrpcServer grpc;

  private CollectorHttpServer(
      HttpServer server, ExecutorService executor, ActiveExchanges active, OtlpGrpcServer grpc) {
    this.server = server;
    this.executor = executor;
    this.active = active;
    this.grpc = grpc;
  }

  /** Binds {@code config.listen()} and starts serving. */
  public static CollectorHttpServer start(
      IngestConfig config, CollectorMetrics metrics, RequestEventPublisher publisher)
      throws IOException {
    return start(config, metrics, publisher, Clock.systemUTC());
  }

  /**
   * @param clock judges whether arrival times are plausible
   */
  public static CollectorHttpServer start(
      IngestConfig config, CollectorMetrics metrics, RequestEventPublisher publisher, Clock clock)
      throws IOException {
    ListenAddress listen = config.listenAddress();
    WebSecurity web = config.webSecurity();
    HttpServer server;
    try {
      server = web.createServer(new InetSocketAddress(listen.host(), listen.port()));
    } catch (IOException e) {
      throw new IOException(
          "collector cannot listen on " + config.listen() + ": " + e.getMessage(), e);
    }
    List<HttpContext> contexts = new ArrayList<>();
    contexts.add(server.createContext("/", CollectorHttpServer::notFound));
    contexts.add(server.createContext(MetricsHandler.PATH, new MetricsHandler(metrics.registry())));
    contexts.forEach(web::protect);
    List<HttpContext> ingest = IngestRoutes.addTo(server, config, publisher, metrics, clock);
    if (config.bearerToken() == null) {
      ingest.forEach(web::protect);
    }
    contexts.addAll(ingest);
    ActiveExchanges active = new ActiveExchanges();
    contexts.forEach(context -> context.getFilters().add(active));
    ExecutorService executor =
        Executors.newFixedThreadPool(WORKERS, new DaemonThreads("fleetpulse-collector-http-"));
    server.setExecutor(executor);
    OtlpGrpcServer grpc = null;
    if (config.otlpGrpcListen() != null) {
      try {
        grpc = OtlpGrpcServer.start(config, metrics, publisher, clock);
      } catch (IOException e) {
        executor.shutdownNow();
        throw e;
      }
    }
    server.start();
    CollectorHttpServer started = new CollectorHttpServer(server, executor, active, grpc);
    log.info(
        "collector serving /metrics, {} and {} on {}://{}:{}{}",
        IngestRoutes.REQUESTS_PATH,
        IngestRoutes.TRACES_PATH,
        web.scheme(),
        listen.host(),
        started.port(),
        web.requiresLogin() ? " (basic auth)" : "");
    return started;
  }

  /** The OTLP/gRPC port bound, when {@code collector.ingest.otlp_grpc_listen} is set. */
  public Optional<Integer> otlpGrpcPort() {
    return Optional.ofNullable(grpc).map(OtlpGrpcServer::port);
  }

  /** The port bound, which tells a configured port 0 apart. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Lets requests in progress finish for up to a second, then stops listening. */
  @Override
  public void close() {
    try {
      active.awaitIdle(GRACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(0);
    executor.shutdownNow();
    if (grpc != null) {
      grpc.close();
    }
  }

  static void notFound(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body =
          ("no route "
                  + exchange.getRequestURI().getPath()
                  + "; try /metrics, "
                  + IngestRoutes.REQUESTS_PATH
                  + " or "
                  + IngestRoutes.TRACES_PATH
                  + "\n")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(404, body.length);
      exchange.getResponseBody().write(body);
    }
  }
}
