package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.parse.ExpositionFormat;
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
 * the whole exchange, body included, not only the wait for the headers; the body size limit applies
 * to the body after decompression, as in Prometheus.
 */
final class HttpFetcher {

  private static final String USER_AGENT = "FleetPulse-collector/0.1";

  private final HttpClient client;

  HttpFetcher(HttpClient client) {
    this.client = client;
  }

  /** The decoded body; fails with a {@link ScrapeFailure} or the transport's exception. */
  CompletableFuture<FetchedBody> fetch(ScrapeTarget target) {
    HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
        .GET()
        .header("Accept", ExpositionFormat.ACCEPT_HEADER)
        .header("Accept-Encoding", "gzip")
        .header("User-Agent", USER_AGENT)
        .header("X-Prometheus-Scrape-Timeout-Seconds", timeoutSeconds(target));
    String authorization = target.job().authorization().value();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    ScrapeLimits limits = target.job().limits();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(request.build(), new BoundedBodyHandler(limits));
    CompletableFuture<HttpResponse<byte[]>> bounded =
        exchange.copy().orTimeout(target.timeout().toMillis(), TimeUnit.MILLISECONDS);
    bounded.whenComplete((response, error) -> {
      if (error instanceof TimeoutException) {
        // Frees the connection instead of letting a stuck target hold it.
        exchange.cancel(true);
      }
    });
    return bounded.thenApply(response -> body(response, limits));
  }

  /** Prometheus' header, so a target that computes its metrics can stop in time: "4", "0.3". */
  private static String timeoutSeconds(ScrapeTarget target) {
    return BigDecimal.valueOf(target.timeout().toMillis(), 3).stripTrailingZeros().toPlainString();
  }

  private static FetchedBody body(HttpResponse<byte[]> response, ScrapeLimits limits) {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new ScrapeFailure(FailureCategory.HTTP_STATUS, "HTTP " + status);
    }
    String contentType = response.headers().firstValue("Content-Type").orElse(null);
    String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
    if (encoding.toLowerCase(Locale.ROOT).equals("gzip")) {
      return new FetchedBody(gunzip(response.body(), limits), contentType);
    }
    return new FetchedBody(response.body(), contentType);
  }

  private static byte[] gunzip(byte[] compressed, ScrapeLimits limits) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      if (limits.bodySizeLimit() <= 0) {
        return in.readAllBytes();
      }
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.bodySizeLimit() + 1));
      if (body.length > limits.bodySizeLimit()) {
        throw limits.bodyTooLarge();
      }
      return body;
    } catch (IOException e) {
      throw new ScrapeFailure(FailureCategory.PARSE, "invalid gzip body: " + e.getMessage(), e);
    }
  }
}
