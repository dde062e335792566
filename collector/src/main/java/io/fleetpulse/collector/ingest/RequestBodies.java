package io.fleetpulse.collector.ingest;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads request bodies whole, up to a limit that also bounds what a gzip body inflates to. */
final class RequestBodies {

  private RequestBodies() {}

  static byte[] read(HttpExchange exchange, int maxBytes) throws IOException, Refusal {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && tooLong(declared, maxBytes)) {
      throw tooLarge(declared + " bytes", maxBytes);
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    InputStream in = exchange.getRequestBody();
    if (encoding != null && encoding.trim().toLowerCase(Locale.ROOT).equals("gzip")) {
      try {
        in = new GZIPInputStream(in);
      } catch (ZipException e) {
        throw new Refusal(400, "the body is not gzip data although Content-Encoding says gzip");
      }
    } else if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
      throw new Refusal(
          415, "Content-Encoding \"" + encoding + "\" is not supported; send gzip or no encoding");
    }
    byte[] body;
    try {
      body = in.readNBytes(maxBytes + 1);
    } catch (ZipException e) {
      throw new Refusal(400, "the gzip body is corrupt: " + e.getMessage());
    }
    if (body.length > maxBytes) {
      throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
    }
    return body;
  }

  private static boolean tooLong(String declared, int maxBytes) {
    try {
      return Long.parseLong(declared.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Refusal tooLarge(String size, int maxBytes) {
    return new Refusal(
        413,
        "body of "
            + size
            + " is over the limit of "
            + maxBytes
            + " bytes (collector.ingest.max_body_size); send smaller batches");
  }
}
