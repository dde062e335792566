package io.fleetpulse.simulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopbackHttpServerTest {

  private final ExecutorService renderers = Executors.newFixedThreadPool(2);
  private final LoopbackHttpServer server = new LoopbackHttpServer(renderers);
  private final AtomicInteger renders = new AtomicInteger();

  @AfterEach
  void close() {
    server.close();
    renderers.shutdownNow();
  }

  private MetricsSource page(String text) {
    return () ->
        new MetricsPage(
            (text + " " + renders.incrementAndGet() + "\n").getBytes(StandardCharsets.UTF_8),
            1_700_000_000_000L);
  }

  /** A response as read off the wire: status line, headers as written, body. */
  private record Response(String statusLine, String head, String body) {

    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  /**
   * Reads one response from a raw connection, trusting its Content-Length; HEAD responses carry no
   * body.
   */
  private static Response read(InputStream in, boolean head) throws IOException {
    ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
    while (!headBytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside a response head: " + headBytes);
      }
      headBytes.write(b);
    }
    String text = headBytes.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = head ? new byte[0] : in.readNBytes(length);
    return new Response(
        text.substring(0, text.indexOf("\r\n")), text, new String(body, StandardCharsets.UTF_8));
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
    socket.setSoTimeout(5_000);
    return socket;
  }

  private static long selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("fleetpulse-sim-http-selector"))
        .count();
  }

  @Test
  void oneSelectorThreadServesManyPortsEachWithItsOwnPage() throws Exception {
    long before = selectorThreads();
    LoopbackHttpServer many = new LoopbackHttpServer(renderers);
    try {
      List<LoopbackHttpServer.Listener> listeners = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        listeners.add(many.listen(0, page("node" + i)));
      }
      assertEquals(before + 1, selectorThreads(), "200 ports, one thread");
      HttpClient client = HttpClient.newHttpClient();
      for (int i = 0; i < listeners.size(); i += 20) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + listeners.get(i).port() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("node" + i + " "), response.body());
        assertEquals(
            "text/plain; version=0.0.4; charset=utf-8",
            response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(
            "1700000000000",
            response.headers().firstValue(MetricsHandler.RENDERED_AT_HEADER).orElseThrow());
      }
    } finally {
      many.close();
    }
  }

  @Test
  void keepsConnectionsAliveAndAnswersPipelinedRequestsInOrder() throws Exception {
    int port = server.listen(0, page("vllm")).port();
    try (Socket socket = connect(port)) {
      socket
          .getOutputStream()
          .write(
              (get("/metrics") + get("/metrics") + get("/health"))
                  .getBytes(StandardCharsets.US_ASCII));
      Response first = read(socket.getInputStream(), false);
      Response second = read(socket.getInputStream(), false);
      Response third = read(socket.getInputStream(), false);
      socket.getOutputStream().write(get("/metrics").getBytes(StandardCharsets.US_ASCII));
      Response fourth = read(socket.getInputStream(), false);

      assertEquals("HTTP/1.1 200 OK", first.statusLine());
      assertEquals("vllm 1\n", first.body());
      assertEquals("vllm 2\n", second.body());
      assertEquals(404, third.status());
      assertEquals("vllm 3\n", fourth.body(), "the same connection serves on after a 404");
    }
  }

  @Test
  void headAnnouncesTheLengthWithoutABodyAndOtherMethodsAreRefused() throws Exception {
    int port = server.listen(0, page("vllm")).port();
    try (Socket socket = connect(port)) {
      socket
          .getOutputStream()
          .write(
              ("HEAD /metrics HTTP/1.1\r\n\r\n"
                      + "DELETE /metrics HTTP/1.1\r\n\r\n"
                      + get("/metrics"))
                  .getBytes(StandardCharsets.US_ASCII));
      Response head = read(socket.getInputStream(), true);
      Response delete = read(socket.getInputStream(), false);
      Response get = read(socket.getInputStream(), false);

      assertEquals(200, head.status());
      assertTrue(head.head().contains("Content-Length: 7\r\n"), head.head());
      assertEquals(405, delete.status());
      assertTrue(delete.head().contains("Allow: GET, HEAD\r\n"), delete.head());
      assertEquals(
          "vllm 2\n", get.body(), "HEAD rendered the page too; the body never followed it");
    }
  }

  @Test
  void closesConnectionsThatAskForItOrCannotBeRead() throws Exception {
    int port = server.listen(0, page("vllm")).port();
    try (Socket http10 = connect(port);
        Socket close = connect(port);
        Socket garbage = connect(port)) {
      http10
          .getOutputStream()
          .write("GET /metrics HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      close
          .getOutputStream()
          .write(
              "GET /metrics HTTP/1.1\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      garbage.getOutputStream().write("hello there\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      for (Socket socket : List.of(http10, close)) {
        Response response = read(socket.getInputStream(), false);
        assertEquals(200, response.status());
        assertTrue(response.head().contains("Connection: close\r\n"), response.head());
        assertEquals(-1, socket.getInputStream().read());
      }
      assertEquals(400, read(garbage.getInputStream(), false).status());
      assertEquals(-1, garbage.getInputStream().read());
    }
  }

  @Test
  void aClosedListenerRefusesAndDropsItsConnectionsAndItsPortServesAgain() throws Exception {
    LoopbackHttpServer.Listener listener = server.listen(0, page("vllm"));
    int port = listener.port();
    LoopbackHttpServer.Listener other = server.listen(0, page("other"));
    try (Socket kept = connect(port);
        Socket unaffected = connect(other.port())) {
      kept.getOutputStream().write(get("/metrics").getBytes(StandardCharsets.US_ASCII));
      assertEquals(200, read(kept.getInputStream(), false).status());

      listener.close();

      assertEquals(-1, kept.getInputStream().read(), "an open keep-alive connection is dropped");
      assertThrows(ConnectException.class, () -> connect(port).close());
      unaffected.getOutputStream().write(get("/metrics").getBytes(StandardCharsets.US_ASCII));
      assertEquals(200, read(unaffected.getInputStream(), false).status(), "other ports serve on");
    }
    LoopbackHttpServer.Listener resumed = server.listen(port, page("again"));
    try (Socket socket = connect(port)) {
      socket.getOutputStream().write(get("/metrics").getBytes(StandardCharsets.US_ASCII));
      assertTrue(read(socket.getInputStream(), false).body().startsWith("again "));
    }
    assertEquals(port, resumed.port());
  }
}
