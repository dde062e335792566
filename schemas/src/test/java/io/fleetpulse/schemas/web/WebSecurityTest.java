package io.fleetpulse.schemas.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JDK server secured by a web config file, called over real https. */
class WebSecurityTest {

  @TempDir static Path dir;

  private static TestWebConfig plain;
  private static TestWebConfig mutual;

  private HttpServer server;

  @BeforeAll
  static void configs() throws Exception {
    plain = TestWebConfig.generate(dir, false);
    mutual = TestWebConfig.generate(dir, true);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private URI serve(TestWebConfig config) throws IOException {
    WebSecurity web = WebSecurity.fromFile("test.web_config_file", config.file().toString());
    server = web.createServer(new InetSocketAddress("127.0.0.1", 0));
    web.protect(
        server.createContext(
            "/metrics",
            exchange -> {
              byte[] body = "up 1\n".getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, body.length);
              exchange.getResponseBody().write(body);
              exchange.close();
            }));
    server.start();
    return URI.create(web.scheme() + "://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
  }

  @Test
  void servesHttpsToTheRightUserOnly() throws Exception {
    URI uri = serve(plain);
    assertEquals("https", uri.getScheme());
    HttpClient client = plain.clientPresenting(null);
    HttpResponse<String> admitted =
        TestWebConfig.get(
            client, uri, TestWebConfig.basic(TestWebConfig.USER, TestWebConfig.PASSWORD));
    assertEquals(200, admitted.statusCode());
    assertEquals("up 1\n", admitted.body());
    // Again: the remembered pair.
    assertEquals(
        200,
        TestWebConfig.get(
                client, uri, TestWebConfig.basic(TestWebConfig.USER, TestWebConfig.PASSWORD))
            .statusCode());
    for (String refused :
        new String[] {
          null,
          TestWebConfig.basic(TestWebConfig.USER, "wrong"),
          TestWebConfig.basic("someone", TestWebConfig.PASSWORD),
          "Bearer " + TestWebConfig.PASSWORD,
          "Basic not-base64!"
        }) {
      HttpResponse<String> response = TestWebConfig.get(client, uri, refused);
      assertEquals(401, response.statusCode(), "with " + refused);
      assertTrue(
          response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic "),
          response.headers().toString());
    }
  }

  @Test
  void plainHttpToTheHttpsPortGetsNoAnswer() throws Exception {
    URI uri = serve(plain);
    URI http = URI.create("http://127.0.0.1:" + uri.getPort() + "/metrics");
    assertThrows(
        IOException.class, () -> TestWebConfig.get(HttpClient.newHttpClient(), http, null));
  }

  @Test
  void requireAndVerifyClientCertRefusesAClientWithoutOne() throws Exception {
    URI uri = serve(mutual);
    String login = TestWebConfig.basic(TestWebConfig.USER, TestWebConfig.PASSWORD);
    assertThrows(
        IOException.class, () -> TestWebConfig.get(mutual.clientPresenting(null), uri, login));
    assertEquals(
        200, TestWebConfig.get(mutual.clientPresenting(mutual.client()), uri, login).statusCode());
    // A certificate the client CA did not issue is refused too.
    assertThrows(
        IOException.class,
        () -> TestWebConfig.get(mutual.clientPresenting(plain.client()), uri, login));
  }

  @Test
  void noFileIsPlainHttpWithoutLogin() {
    WebSecurity none = WebSecurity.fromFile("test.web_config_file", null);
    assertEquals("http", none.scheme());
    assertFalse(none.requiresLogin());
    assertEquals(null, none.httpsConfigurator());
    assertEquals(null, none.authenticator());
  }

  @Test
  void loginRefusalTellsWhyWithoutThePassword() {
    WebSecurity web = WebSecurity.fromFile("test.web_config_file", plain.file().toString());
    assertEquals(
        Optional.empty(),
        web.loginRefusal(TestWebConfig.basic(TestWebConfig.USER, TestWebConfig.PASSWORD)));
    assertEquals(Optional.of("no credentials"), web.loginRefusal(null));
    assertEquals(
        Optional.of("wrong password for user \"" + TestWebConfig.USER + "\""),
        web.loginRefusal(TestWebConfig.basic(TestWebConfig.USER, "guess-1")));
    assertEquals(
        Optional.of("unknown user"),
        web.loginRefusal(TestWebConfig.basic("guess-1", TestWebConfig.PASSWORD)));
    assertEquals(
        Optional.empty(), WebSecurity.fromFile("test.web_config_file", null).loginRefusal(null));
  }

  @Test
  void toStringShowsNoHash() {
    WebSecurity web = WebSecurity.fromFile("test.web_config_file", plain.file().toString());
    assertTrue(web.toString().contains(TestWebConfig.USER), web.toString());
    assertFalse(web.toString().contains("$2"), web.toString());
  }
}
