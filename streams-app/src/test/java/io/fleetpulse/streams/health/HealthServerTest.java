package io.fleetpulse.streams.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.ListenAddress;
import io.fleetpulse.schemas.web.TestWebConfig;
import io.fleetpulse.schemas.web.WebSecurity;
import io.fleetpulse.streams.StreamsAppConfig;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** streams.web_config_file over real https: the health endpoint behind TLS and basic auth. */
class HealthServerTest {

  private static final String LOGIN =
      TestWebConfig.basic(TestWebConfig.USER, TestWebConfig.PASSWORD);

  @TempDir static Path dir;

  private static TestWebConfig web;
  private static TestWebConfig mutual;

  private HealthServer server;

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

  private void start(TestWebConfig config) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter.builder().name("fleetpulse_streams_test").register(registry).inc();
    server =
        HealthServer.start(
            ListenAddress.parse("streams.listen", "127.0.0.1:0"),
            WebSecurity.fromFile(StreamsAppConfig.WEB_CONFIG_FILE_OPTION, config.file().toString()),
            registry);
  }

  private HttpResponse<String> get(HttpClient client, String authorization) throws Exception {
    return TestWebConfig.get(
        client, URI.create("https://127.0.0.1:" + server.port() + "/metrics"), authorization);
  }

  @Test
  void servesMetricsOverHttpsToTheRightUserOnly() throws Exception {
    start(web);
    HttpClient client = web.clientPresenting(null);
    HttpResponse<String> refused = get(client, null);
    assertEquals(401, refused.statusCode());
    assertTrue(refused.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
    assertEquals(401, get(client, TestWebConfig.basic("intruder", "x")).statusCode());
    HttpResponse<String> admitted = get(client, LOGIN);
    assertEquals(200, admitted.statusCode());
    assertTrue(admitted.body().contains("fleetpulse_streams_test_total 1"), admitted.body());
  }

  @Test
  void requireAndVerifyClientCertRefusesAClientWithoutOne() throws Exception {
    start(mutual);
    assertThrows(IOException.class, () -> get(mutual.clientPresenting(null), LOGIN));
    assertEquals(200, get(mutual.clientPresenting(mutual.client()), LOGIN).statusCode());
  }

  @Test
  void aMissingWebConfigFileIsAConfigErrorNamingTheOption() {
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new StreamsAppConfig(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "absent-web.yml"))
            .getMessage();
    assertEquals("streams.web_config_file \"absent-web.yml\": no such file", message);
  }
}
