package io.fleetpulse.simulator.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The request line and the headers that matter of one HTTP/1.x request: enough to route a scrape
 * and to know whether the connection stays open afterwards.
 *
 * @param keepAlive whether the client may send another request on the connection (HTTP/1.1 unless
 *     it said {@code Connection: close}; HTTP/1.0 only if it asked for keep-alive)
 * @param hasBody whether a body follows; the simulator reads none, so such a connection is closed
 *     after its answer
 */
record RequestHead(String method, String path, boolean keepAlive, boolean hasBody) {

  /** A request head the server cannot read; the message says why, for a 400. */
  static final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason);
    }
  }

  /**
   * Reads one request head from the buffer (flipped for reading) and leaves its position after it;
   * null, with the position untouched, when the head is not complete yet.
   */
  static RequestHead parse(ByteBuffer buffer) throws Malformed {
    int start = buffer.position();
    int end = headEnd(buffer);
    if (end < 0) {
      return null;
    }
    String text =
        new String(
            buffer.array(), buffer.arrayOffset() + start, end - start, StandardCharsets.ISO_8859_1);
    buffer.position(end);
    String[] lines = text.split("\r?\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
      throw new Malformed("not an HTTP/1.x request line: " + lines[0]);
    }
    boolean http10 = requestLine[2].equals("HTTP/1.0");
    String connection = "";
    boolean hasBody = false;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "connection" -> connection = value;
        case "content-length" -> hasBody |= !value.equals("0");
        case "transfer-encoding" -> hasBody = true;
        default -> {}
      }
    }
    boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
    return new RequestHead(requestLine[0], path(requestLine[1]), keepAlive && !hasBody, hasBody);
  }

  /** Where the blank line after the headers ends, or -1. */
  private static int headEnd(ByteBuffer buffer) {
    byte[] bytes = buffer.array();
    int offset = buffer.arrayOffset();
    for (int i = buffer.position(); i < buffer.limit(); i++) {
      if (bytes[offset + i] != '\n') {
        continue;
      }
      if (i + 1 < buffer.limit() && bytes[offset + i + 1] == '\n') {
        return i + 2;
      }
      if (i + 2 < buffer.limit()
          && bytes[offset + i + 1] == '\r'
          && bytes[offset + i + 2] == '\n') {
        return i + 3;
      }
    }
    return -1;
  }

  /**
   * The path of an origin-form ({@code /metrics?x=1}) or absolute-form ({@code http://h/metrics})
   * target.
   */
  private static String path(String target) throws Malformed {
    try {
      String path = new URI(target).getRawPath();
      return path == null || path.isEmpty() ? "/" : path;
    } catch (URISyntaxException e) {
      throw new Malformed("not a request target: " + target);
    }
  }
}
