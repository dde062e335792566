package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.parse.ExpositionFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one target's /metrics body without holding a thread while it waits. The timeout covers
 * the whole exchange, body included, not only the wait for the headers; the body size limit applies
 * to the body after decompression, as in Prometheus.
 */
final class HttpFetcher {

  private static final String USER_AGENT = "FleetPulse-collector/0.1";
  private static final int MAX_REDIRECTS = 10;

  private final ScrapeClients clients;

  HttpFetcher(ScrapeClients clients) {
    this.clients = clients;
  }

  /** The decoded body; fails with a {@link ScrapeFailure} or the transport's exception. */
  CompletableFuture<FetchedBody> fetch(ScrapeTarget target) {
    String authorization = target.job().authorization().value();
    ScrapeLimits limits = target.job().limits();
    AtomicReference<CompletableFuture<?>> current = new AtomicReference<>();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        send(target, target.url(), authorization, limits, 0, current);
    CompletableFuture<HttpResponse<byte[]>> bounded =
        exchange.copy().orTimeout(target.timeout().toMillis(), TimeUnit.MILLISECONDS);
    bounded.whenComplete(
        (response, error) -> {
          if (error instanceof TimeoutException) {
            // Frees the connection instead of letting a stuck target hold it.
            exchange.cancel(true);
            CompletableFuture<?> inFlight = current.get();
            if (inFlight != null) {
              inFlight.cancel(true);
            }
          }
        });
    return bounded.thenApply(response -> body(response, limits));
  }

  /**
   * One request, then its redirects, as Prometheus follows them (up to {@value #MAX_REDIRECTS}).
   * The client follows none itself, because it would send the Authorization header to wherever a
   * redirect points: here it goes only to the target's own origin (scheme, host and port).
   */
  private CompletableFuture<HttpResponse<byte[]>> send(
      ScrapeTarget target,
      URI uri,
      String authorization,
      ScrapeLimits limits,
      int redirects,
      AtomicReference<CompletableFuture<?>> current) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .GET()
            .header("Accept", ExpositionFormat.ACCEPT_HEADER)
            .header("Accept-Encoding", "gzip")
            .header("User-Agent", USER_AGENT)
            .header("X-Prometheus-Scrape-Timeout-Seconds", timeoutSeconds(target));
    if (authorization != null && sameOrigin(uri, target.url())) {
      request.header("Authorization", authorization);
    }
    CompletableFuture<HttpResponse<byte[]>> exchange =
        clients.of(target.job()).sendAsync(request.build(), new BoundedBodyHandler(limits));
    current.set(exchange);
    return exchange.thenCompose(
        response -> {
          URI next = redirectTarget(response, uri);
          if (next == null) {
            return CompletableFuture.completedFuture(response);
          }
          if (redirects >= MAX_REDIRECTS) {
            throw new ScrapeFailure(
                FailureCategory.HTTP_STATUS,
                "HTTP " + response.statusCode() + ": more than " + MAX_REDIRECTS + " redirects");
          }
          return send(target, next, authorization, limits, redirects + 1, current);
        });
  }

  /**
   * Where a redirect points, resolved against the request; null when the response is no redirect.
   */
  private static URI redirectTarget(HttpResponse<byte[]> response, URI requested) {
    int status = response.statusCode();
    if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
      return null;
    }
    String location = response.headers().firstValue("Location").orElse(null);
    if (location == null) {
      return null;
    }
    try {
      URI next = requested.resolve(location.trim());
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new ScrapeFailure(
            FailureCategory.HTTP_STATUS,
            "HTTP " + status + " redirects to " + location + ", which is not http or https");
      }
      return next;
    } catch (IllegalArgumentException e) {
      throw new ScrapeFailure(
          FailureCategory.HTTP_STATUS, "HTTP " + status + " redirects to an invalid location");
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
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
      byte[] body =
          in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.bodySizeLimit() + 1));
      if (body.length > limits.bodySizeLimit()) {
        throw limits.bodyTooLarge();
      }
      return body;
    } catch (IOException e) {
      throw new ScrapeFailure(FailureCategory.PARSE, "invalid gzip body: " + e.getMessage(), e);
    }
  }
}
