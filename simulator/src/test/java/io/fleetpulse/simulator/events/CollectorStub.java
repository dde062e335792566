package io.fleetpulse.simulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the collector's /v1/requests: keeps every line posted and accepts them all. */
public final class CollectorStub implements AutoCloseable {

  private final ObjectMapper mapper = new ObjectMapper();
  private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  public CollectorStub(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/v1/requests", this::accept);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/requests");
  }

  public List<JsonNode> lines() {
    return lines;
  }

  public List<String> contentTypes() {
    return contentTypes;
  }

  private void accept(HttpExchange exchange) throws IOException {
    try (exchange) {
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int accepted = 0;
      for (String line : body.split("\n")) {
        if (!line.isBlank()) {
          lines.add(parse(line));
          accepted++;
        }
      }
      byte[] answer =
          ("{\"accepted\":" + accepted + ",\"rejected\":[],\"rejected_total\":0}\n")
              .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  private JsonNode parse(String line) {
    try {
      return mapper.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("the simulator posted a line that is not JSON: " + line, e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
