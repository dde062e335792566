package io.fleetpulse.collector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.ingest.IngestConfig;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.web.TestWebConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * collector.ingest.web_config_file over real https: basic auth on /metrics, and on the ingest
 * routes unless the bearer token guards them.
 */
class CollectorWebSecurityTest {

  private static final String LOGIN =
      TestWebConfig.basic(TestWebConfig.USER, TestWebConfig.PASSWORD);

  @TempDir static Path dir;

  private static TestWebConfig web;
  private static TestWebConfig mutual;

  private final List<RequestEvent> published = new CopyOnWriteArrayList<>();
  private CollectorHttpServer server;

  @BeforeAll
  static void configs() throws Exception {
    web = TestWebConfig.generate(dir, false);
    mutual = TestWebConfig.generate(dir, true);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(String bearerToken, TestWebConfig config) throws IOException {
    server =
        CollectorHttpServer.start(
            new IngestConfig(
                "127.0.0.1:0",
                bearerToken,
                null,
                null,
                null,
                null,
                null,
                null,
                config.file().toString()),
            new CollectorMetrics(),
            published::add,
            Clock.fixed(CollectorHttpServerTest.NOW, ZoneOffset.UTC));
  }

  private HttpResponse<String> send(
      HttpClient client, String path, String authorization, boolean post) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path));
    if (post) {
      request.POST(HttpRequest.BodyPublishers.ofString(CollectorHttpServerTest.GOOD + "\n"));
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withABearerTokenMetricsTakeBasicAuthAndIngestTakesTheToken() throws Exception {
    start("s3cret", web);
    HttpClient client = web.clientPresenting(null);
    HttpResponse<String> refused = send(client, "/metrics", null, false);
    assertEquals(401, refused.statusCode());
    assertTrue(refused.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
    assertEquals(401, send(client, "/metrics", "Bearer s3cret", false).statusCode());
    HttpResponse<String> metrics = send(client, "/metrics", LOGIN, false);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("fleetpulse_collector_"), metrics.body());
    assertEquals(401, send(client, "/v1/requests", LOGIN, true).statusCode());
    assertEquals(200, send(client, "/v1/requests", "Bearer s3cret", true).statusCode());
    assertEquals(1, published.size());
  }

  @Test
  void withoutABearerTokenIngestTakesBasicAuthToo() throws Exception {
    start(null, web);
    HttpClient client = web.clientPresenting(null);
    assertEquals(401, send(client, "/v1/requests", null, true).statusCode());
    assertEquals(401, send(client, "/nowhere", null, false).statusCode());
    assertEquals(200, send(client, "/v1/requests", LOGIN, true).statusCode());
    assertEquals(1, published.size());
  }

  @Test
  void requireAndVerifyClientCertRefusesAClientWithoutOne() throws Exception {
    start(null, mutual);
    assertThrows(
        IOException.class, () -> send(mutual.clientPresenting(null), "/metrics", LOGIN, false));
    assertEquals(
        200, send(mutual.clientPresenting(mutual.client()), "/metrics", LOGIN, false).statusCode());
  }

  @Test
  void aMissingWebConfigFileIsAConfigErrorNamingTheOption() {
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new IngestConfig(
                        null, null, null, null, null, null, null, null, "absent-web.yml"))
            .getMessage();
    assertEquals("collector.ingest.web_config_file \"absent-web.yml\": no such file", message);
  }
}
