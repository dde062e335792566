package io.fleetpulse.collector.scrape;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one target's /metrics body without holding a thread while it waits. The timeout covers
 * the whole exchange, body included, not only the wait for the headers.
 */
final class HttpFetcher {

  /** What Prometheus asks for when it only speaks the text format. */
  private static final String ACCEPT = "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
  private static final String USER_AGENT = "FleetPulse-collector/0.1";

  private final HttpClient client;

  HttpFetcher(HttpClient client) {
    this.client = client;
  }

  /** The decoded body; fails with a {@link ScrapeFailure} or the transport's exception. */
  CompletableFuture<byte[]> fetch(ScrapeTarget target) {
    HttpRequest request = HttpRequest.newBuilder(target.url())
        .GET()
        .header("Accept", ACCEPT)
        .header("Accept-Encoding", "gzip")
        .header("User-Agent", USER_AGENT)
        .header("X-Prometheus-Scrape-Timeout-Seconds", timeoutSeconds(target))
        .build();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    CompletableFuture<HttpResponse<byte[]>> bounded =
        exchange.copy().orTimeout(target.timeout().toMillis(), TimeUnit.MILLISECONDS);
    bounded.whenComplete((response, error) -> {
      if (error instanceof TimeoutException) {
        // Frees the connection instead of letting a stuck target hold it.
        exchange.cancel(true);
      }
    });
    return bounded.thenApply(HttpFetcher::body);
  }

  /** Prometheus' header, so a target that computes its metrics can stop in time: "4", "0.3". */
  private static String timeoutSeconds(ScrapeTarget target) {
    return BigDecimal.valueOf(target.timeout().toMillis(), 3).stripTrailingZeros().toPlainString();
  }

  private static byte[] body(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new ScrapeFailure("HTTP " + status);
    }
    String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
    if (encoding.toLowerCase(Locale.ROOT).equals("gzip")) {
      return gunzip(response.body());
    }
    return response.body();
  }

  private static byte[] gunzip(byte[] compressed) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ScrapeFailure("invalid gzip body: " + e.getMessage(), e);
    }
  }
}
