package io.fleetpulse.collector.http;

import java.time.Duration;

/**
 * Read and write timeouts for the JDK's HTTP server, which has none by default: there a client that
 * sends half a request head holds a worker thread for good, and a few such clients block the
 * endpoint. The JDK reads these settings once, when its first server starts, and applies them to
 * every server of the process; so {@link #install()} runs before any server is created (the
 * command's entry point calls it first), and an operator's own {@code -Dsun.net.httpserver.*}
 * settings win.
 */
public final class ServerTimeouts {

  /**
   * From accepting a connection to the response's first byte: the request head, its body and the
   * handler.
   */
  public static final Duration READ = Duration.ofSeconds(10);

  /** Writing one response. */
  public static final Duration WRITE = Duration.ofSeconds(30);

  private ServerTimeouts() {}

  public static void install() {
    setIfAbsent("sun.net.httpserver.maxReqTime", READ);
    setIfAbsent("sun.net.httpserver.maxRspTime", WRITE);
  }

  private static void setIfAbsent(String property, Duration timeout) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Long.toString(timeout.toSeconds()));
    }
  }
}
