package io.fleetpulse.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fleetpulse.collector.Collector;
import io.fleetpulse.collector.http.CollectorHttpServer;
import io.fleetpulse.collector.ingest.OtlpGrpcServer;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.publish.ScrapePublisher;
import io.fleetpulse.schemas.Scrape;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run with secrets everywhere (a scrape password, the ingest bearer token from the environment)
 * and everything that makes the collector log going wrong: every line logged, down to debug, is
 * searched for the secrets. A burst of refused OTLP/gRPC calls logs one line.
 */
class SecretsStayOutOfLogsTest {

  private static final Logger log = LoggerFactory.getLogger("io.fleetpulse.test");
  private static final String PASSWORD = "pw-7f3a9c-secret";
  private static final String TOKEN = "tk-51be0d-secret #not-a-comment";
  private static final int REFUSED_GRPC_CALLS = 3;

  @Test
  void noLoggedLineHoldsASecret() throws Exception {
    StringWriter captured = new StringWriter();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration logging = context.getConfiguration();
    WriterAppender appender =
        WriterAppender.newBuilder()
            .setName("secrets-capture")
            .setTarget(captured)
            .setLayout(PatternLayout.newBuilder().withPattern("%level %c %m %throwable%n").build())
            .build();
    appender.start();
    LoggerConfig fleetpulse = logging.getLoggerConfig("io.fleetpulse");
    Level before = fleetpulse.getLevel();
    fleetpulse.addAppender(appender, Level.ALL, null);
    fleetpulse.setLevel(Level.ALL);
    context.updateLoggers();
    HttpServer refusingTarget = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    refusingTarget.createContext(
        "/metrics",
        exchange -> {
          try (exchange) {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/metrics?x=1");
            exchange.sendResponseHeaders(
                exchange.getRequestURI().getQuery() == null ? 302 : 401, -1);
          }
        });
    refusingTarget.start();
    try {
      FleetPulseConfig config =
          new ConfigLoader()
              .parse(
                  """
          kafka: {bootstrap_servers: "127.0.0.1:1"}
          collector:
            ingest: {listen: "127.0.0.1:0", otlp_grpc_listen: "127.0.0.1:0"}
            scrape_configs:
              - job_name: guarded
                scrape_interval: 200ms
                scrape_timeout: 150ms
                basic_auth: {username: fleet, password: "%s"}
                static_configs: [{targets: ["127.0.0.1:%d"]}]
          """
                      .formatted(PASSWORD, refusingTarget.getAddress().getPort()),
                  "fleetpulse.yml",
                  Map.of(
                      "FLEETPULSE_COLLECTOR_INGEST_BEARER_TOKEN",
                      TOKEN,
                      "FLEETPULSE_NO_SUCH_OPTION",
                      TOKEN));
      // As a service would log its config at startup.
      log.info("config: {}", config);
      LinkedBlockingQueue<Scrape> scrapes = new LinkedBlockingQueue<>();
      CollectorMetrics metrics = new CollectorMetrics();
      try (Collector collector =
              new Collector(config.collector(), new QueuePublisher(scrapes), metrics);
          CollectorHttpServer endpoint =
              CollectorHttpServer.start(config.collector().ingest(), metrics, event -> {})) {
        collector.start();
        for (int i = 0; i < 3; i++) {
          assertFalse(scrapes.poll(10, TimeUnit.SECONDS).getUp());
        }
        HttpClient client = HttpClient.newHttpClient();
        URI requests = URI.create("http://127.0.0.1:" + endpoint.port() + "/v1/requests");
        for (String authorization : new String[] {"Bearer wrong", "Bearer " + TOKEN}) {
          client.send(
              HttpRequest.newBuilder(requests)
                  .header("Authorization", authorization)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"request_id\": \"" + PASSWORD + "\"}\nnot json\n"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
        }
        exportOverGrpc(endpoint.otlpGrpcPort().orElseThrow(), REFUSED_GRPC_CALLS);
      }
    } finally {
      refusingTarget.stop(0);
      fleetpulse.removeAppender("secrets-capture");
      fleetpulse.setLevel(before);
      context.updateLoggers();
      appender.stop();
    }

    String log = captured.toString();
    assertTrue(log.contains("scrape of 127.0.0.1:"), "the run logged its failures:\n" + log);
    assertTrue(log.contains("refused POST /v1/requests"), log);
    assertEquals(
        1,
        log.lines().filter(line -> line.contains("refused OTLP/gRPC export")).count(),
        "one line for a burst of refused calls:\n" + log);
    assertFalse(log.contains(PASSWORD), log);
    assertFalse(log.contains("tk-51be0d"), log);
  }

  /** Calls with a wrong bearer token, then one with the token itself; all are answered. */
  private static void exportOverGrpc(int port, int refusedCalls) throws InterruptedException {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      for (int call = 0; call <= refusedCalls; call++) {
        Metadata headers = new Metadata();
        headers.put(
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
            call < refusedCalls ? "Bearer wrong-" + TOKEN : "Bearer " + TOKEN);
        try {
          ClientCalls.blockingUnaryCall(
              ClientInterceptors.intercept(
                  channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
              OtlpGrpcServer.EXPORT,
              CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
              new byte[] {10, 0});
          assertEquals(refusedCalls, call, "only the right token is admitted");
        } catch (StatusRuntimeException refused) {
          assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        }
      }
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private record QueuePublisher(LinkedBlockingQueue<Scrape> scrapes) implements ScrapePublisher {
    @Override
    public void publish(Scrape scrape) {
      scrapes.add(scrape);
    }

    @Override
    public void close() {}
  }
}
