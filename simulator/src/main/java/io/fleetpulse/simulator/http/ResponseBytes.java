package io.fleetpulse.simulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds one HTTP/1.1 response, head and body, as the bytes to write. */
final class ResponseBytes {

  private final int status;
  private final String reason;
  private final Map<String, String> headers = new LinkedHashMap<>();

  ResponseBytes(int status, String reason) {
    this.status = status;
    this.reason = reason;
  }

  ResponseBytes header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /**
   * @param contentLength what Content-Length announces: the body's length, or for HEAD what GET
   *     would send
   * @param body the bytes that follow the head (empty for HEAD and for bodiless answers)
   */
  byte[] build(long contentLength, byte[] body, boolean close) {
    StringBuilder head =
        new StringBuilder(128)
            .append("HTTP/1.1 ")
            .append(status)
            .append(' ')
            .append(reason)
            .append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(contentLength).append("\r\n");
    if (close) {
      head.append("Connection: close\r\n");
    }
    byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] response = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, response, 0, headBytes.length);
    System.arraycopy(body, 0, response, headBytes.length, body.length);
    return response;
  }
}
