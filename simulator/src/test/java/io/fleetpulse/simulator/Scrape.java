package io.fleetpulse.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP request to a simulated node, on a fresh connection so a stopped server cannot hide
 * behind keep-alive.
 */
record Scrape(int status, String contentType, long renderedAtEpochMs, String body) {

  static Scrape get(SimulatedNode node) throws IOException {
    return request(node.metricsUri(), "GET");
  }

  static Scrape request(URI uri, String method) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try {
      connection.setRequestMethod(method);
      connection.setRequestProperty("Connection", "close");
      int status = connection.getResponseCode();
      String renderedAt = connection.getHeaderField("X-Simulator-Rendered-At-Ms");
      String body = "";
      if (status == 200 && !method.equals("HEAD")) {
        try (InputStream in = connection.getInputStream()) {
          body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return new Scrape(
          status,
          connection.getContentType(),
          renderedAt == null ? -1 : Long.parseLong(renderedAt),
          body);
    } finally {
      connection.disconnect();
    }
  }

  /**
   * The value of the one sample of {@code family} (a counter's full name, e.g. {@code
   * vllm:generation_tokens_total}).
   */
  double value(String family) {
    Matcher line =
        Pattern.compile("^" + Pattern.quote(family) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
            .matcher(body);
    if (!line.find()) {
      throw new AssertionError("no sample of " + family + " in the page");
    }
    return Double.parseDouble(line.group(2));
  }
}
