package io.fleetpulse.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.web.TestWebConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sink.web_config_file over real https: /metrics and the status page behind TLS and basic auth. */
class SinkWebSecurityTest {

  private static final Topics TOPICS = Topics.withDefaultPrefix();
  private static final String LOGIN =
      TestWebConfig.basic(TestWebConfig.USER, TestWebConfig.PASSWORD);

  @TempDir static Path dir;

  private static TestWebConfig web;
  private static TestWebConfig mutual;

  private SinkExporter exporter;

  @BeforeAll
  static void configs() throws Exception {
    web = TestWebConfig.generate(dir, false);
    mutual = TestWebConfig.generate(dir, true);
  }

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.close();
    }
  }

  private void start(TestWebConfig config) throws IOException {
    ScriptedConsumer kafka = new ScriptedConsumer();
    kafka.createTopic(TOPICS.fleetStats(), 1, 0);
    kafka.createTopic(TOPICS.signals(), 1, 0);
    exporter =
        new SinkExporter(
            TOPICS,
            new SinkConfig("127.0.0.1:0", null, null, null, null, null, config.file().toString()),
            Clock.systemUTC(),
            () -> kafka);
    exporter.start();
  }

  private HttpResponse<String> get(HttpClient client, String path, String authorization)
      throws Exception {
    return TestWebConfig.get(
        client, URI.create("https://127.0.0.1:" + exporter.port() + path), authorization);
  }

  @Test
  void metricsAndTheStatusPageNeedTheLogin() throws Exception {
    start(web);
    HttpClient client = web.clientPresenting(null);
    for (String path : new String[] {"/metrics", "/", "/api/v1/status"}) {
      HttpResponse<String> refused = get(client, path, null);
      assertEquals(401, refused.statusCode(), path);
      assertTrue(
          refused.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
      assertEquals(
          401, get(client, path, TestWebConfig.basic(TestWebConfig.USER, "nope")).statusCode());
      assertEquals(200, get(client, path, LOGIN).statusCode(), path);
    }
    assertTrue(get(client, "/metrics", LOGIN).body().contains("fleetpulse_sink_"));
  }

  @Test
  void requireAndVerifyClientCertRefusesAClientWithoutOne() throws Exception {
    start(mutual);
    assertThrows(IOException.class, () -> get(mutual.clientPresenting(null), "/metrics", LOGIN));
    assertEquals(
        200, get(mutual.clientPresenting(mutual.client()), "/metrics", LOGIN).statusCode());
  }

  @Test
  void aBadWebConfigFileIsAConfigErrorNamingTheOption() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad-web.yml"),
            "tls_server_config:\n  cert_file: a.crt\n  key_file: a.key\n"
                + "  client_auth_type: Always\n");
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> new SinkConfig(null, null, null, null, null, null, bad.toString()))
            .getMessage();
    assertTrue(
        message.startsWith(
            "sink.web_config_file \""
                + bad
                + "\": tls_server_config.client_auth_type \"Always\" is not one of"),
        message);
  }
}
