package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.schemas.PrometheusDuration;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns why a scrape failed into the short reason its Scrape record carries in {@code error}. */
final class FailureReasons {

  private FailureReasons() {}

  static ScrapeError describe(Throwable error, Duration timeout) {
    Throwable cause = unwrap(error);
    if (cause instanceof ScrapeFailure failure) {
      return new ScrapeError(failure.category(), failure.getMessage());
    }
    if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
      return new ScrapeError(
          FailureCategory.TIMEOUT, "timeout after " + PrometheusDuration.format(timeout));
    }
    SSLException tls = tlsProblem(cause);
    if (tls != null) {
      return new ScrapeError(
          FailureCategory.CONNECTION,
          (tls instanceof SSLHandshakeException ? "TLS handshake failed: " : "TLS error: ")
              + innermostMessage(tls));
    }
    if (cause instanceof ConnectException || cause instanceof UnresolvedAddressException) {
      return new ScrapeError(
          FailureCategory.CONNECTION, "connection failed: " + connectProblem(cause));
    }
    if (cause instanceof IOException) {
      return new ScrapeError(FailureCategory.CONNECTION, "I/O error: " + messageOf(cause));
    }
    if (cause instanceof ExpositionParseException) {
      // Already reads "line N: reason".
      return new ScrapeError(FailureCategory.PARSE, cause.getMessage());
    }
    return new ScrapeError(FailureCategory.OTHER, messageOf(cause));
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * The JDK client throws a ConnectException without a message; what happened is told by the
   * channel exception it wraps: a refused connection closes the channel, an unknown host never
   * resolves.
   */
  private static String connectProblem(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException) {
        return "unknown host";
      }
      if (cause instanceof ClosedChannelException) {
        return "connection refused";
      }
      if (cause.getMessage() != null) {
        return cause.getMessage();
      }
    }
    return error.getClass().getSimpleName();
  }

  /** The client may wrap a TLS failure in a plain IOException. */
  private static SSLException tlsProblem(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException tls) {
        return tls;
      }
    }
    return null;
  }

  /**
   * The JDK states a TLS failure most plainly at the bottom ("unable to find valid certification
   * path to requested target"); the layers above repeat it with class names prepended.
   */
  private static String innermostMessage(Throwable error) {
    String message = messageOf(error);
    for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        message = cause.getMessage();
      }
    }
    return message;
  }

  private static String messageOf(Throwable error) {
    return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
  }
}
