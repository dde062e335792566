package io.fleetpulse.collector;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/** A local stand-in for an inference server's /metrics endpoint, recording what it was asked. */
public final class MetricsServer implements AutoCloseable {

  /** What the endpoint does with each request. */
  public interface Behaviour {
    void respond(HttpExchange exchange, CountDownLatch released)
        throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch released = new CountDownLatch(1);
  private final List<Instant> arrivals = new CopyOnWriteArrayList<>();
  private final List<Headers> requestHeaders = new CopyOnWriteArrayList<>();
  private final List<URI> requestUris = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  private MetricsServer(Behaviour behaviour) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext(
        "/metrics",
        exchange -> {
          arrivals.add(Instant.now());
          requestHeaders.add(exchange.getRequestHeaders());
          requestUris.add(exchange.getRequestURI());
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try (exchange) {
            behaviour.respond(exchange, released);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.decrementAndGet();
          }
        });
    server.start();
  }

  public static MetricsServer serving(Behaviour behaviour) {
    return new MetricsServer(behaviour);
  }

  public static Behaviour body(byte[] body) {
    return (exchange, released) -> send(exchange, 200, body);
  }

  public static Behaviour status(int status) {
    return (exchange, released) ->
        send(exchange, status, "unavailable\n".getBytes(StandardCharsets.UTF_8));
  }

  public static Behaviour gzipped(byte[] body) {
    return (exchange, released) -> {
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      try (OutputStream gzip = new GZIPOutputStream(compressed)) {
        gzip.write(body);
      }
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      send(exchange, 200, compressed.toByteArray());
    };
  }

  /**
   * Redirects (302) to {@code location} every request without a query; serves {@code body} to the
   * others.
   */
  public static Behaviour redirecting(String location, byte[] body) {
    return (exchange, released) -> {
      if (exchange.getRequestURI().getRawQuery() == null) {
        exchange.getResponseHeaders().set("Location", location);
        send(exchange, 302, new byte[0]);
      } else {
        send(exchange, 200, body);
      }
    };
  }

  /** Answers only when the server closes (or after 10 s), like a target that hangs. */
  public static Behaviour hanging() {
    return (exchange, released) -> {
      released.await(10, TimeUnit.SECONDS);
      send(exchange, 200, "late 1\n".getBytes(StandardCharsets.UTF_8));
    };
  }

  /** Answers after {@code millis}, to keep requests in flight for a while. */
  public static Behaviour delayed(long millis, byte[] body) {
    return (exchange, released) -> {
      released.await(millis, TimeUnit.MILLISECONDS);
      send(exchange, 200, body);
    };
  }

  public String target() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Instant> arrivals() {
    return arrivals;
  }

  public List<Headers> requestHeaders() {
    return requestHeaders;
  }

  /** Path and query of each request, as sent. */
  public List<URI> requestUris() {
    return requestUris;
  }

  /** The most requests this server was ever answering at the same time. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
