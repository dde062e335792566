package io.fleetpulse.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.collector.parse.ExpositionParseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailureReasonsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(4);

  private static String describe(Throwable error) {
    return FailureReasons.describe(new CompletionException(error), TIMEOUT).reason();
  }

  private static FailureCategory categoryOf(Throwable error) {
    return FailureReasons.describe(new CompletionException(error), TIMEOUT).category();
  }

  private static ConnectException connectFailure(Throwable cause) {
    ConnectException error = new ConnectException();
    error.initCause(cause);
    return error;
  }

  @Test
  void reasonsAreShortAndSpecific() {
    assertEquals("HTTP 503", describe(new ScrapeFailure(FailureCategory.HTTP_STATUS, "HTTP 503")));
    assertEquals("timeout after 4s", describe(new TimeoutException()));
    assertEquals(
        "timeout after 4s", describe(new HttpConnectTimeoutException("connect timed out")));
    assertEquals(
        "connection failed: connection refused",
        describe(connectFailure(new ClosedChannelException())));
    assertEquals(
        "connection failed: unknown host",
        describe(connectFailure(new UnresolvedAddressException())));
    assertEquals(
        "connection failed: No route to host", describe(new ConnectException("No route to host")));
    assertEquals("I/O error: connection reset", describe(new IOException("connection reset")));
    assertEquals(
        "line 12: missing value for sample x",
        describe(new ExpositionParseException(12, "missing value for sample x")));
  }

  @Test
  void categoriesAreTheFewReasonLabelValues() {
    assertEquals(
        FailureCategory.HTTP_STATUS,
        categoryOf(new ScrapeFailure(FailureCategory.HTTP_STATUS, "HTTP 503")));
    assertEquals(
        FailureCategory.LIMIT,
        categoryOf(new ScrapeFailure(FailureCategory.LIMIT, "sample_limit exceeded")));
    assertEquals(FailureCategory.TIMEOUT, categoryOf(new TimeoutException()));
    assertEquals(
        FailureCategory.CONNECTION, categoryOf(connectFailure(new ClosedChannelException())));
    assertEquals(FailureCategory.CONNECTION, categoryOf(new IOException("connection reset")));
    assertEquals(FailureCategory.PARSE, categoryOf(new ExpositionParseException(3, "bad")));
    assertEquals(FailureCategory.OTHER, categoryOf(new IllegalStateException("surprise")));
    assertEquals("http_status", FailureCategory.HTTP_STATUS.label());
  }
}
