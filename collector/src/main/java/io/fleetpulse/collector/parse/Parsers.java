package io.fleetpulse.collector.parse;

/**
 * The parser for each exposition format; parsers are stateless, so one instance of each serves
 * everyone.
 */
public final class Parsers {

  private static final ExpositionParser PROMETHEUS_TEXT = new TextFormatParser();
  private static final ExpositionParser OPENMETRICS_TEXT = new OpenMetricsParser();

  private Parsers() {}

  public static ExpositionParser forFormat(ExpositionFormat format) {
    return switch (format) {
      case PROMETHEUS_TEXT -> PROMETHEUS_TEXT;
      case OPENMETRICS_TEXT -> OPENMETRICS_TEXT;
    };
  }

  /** The parser for a response with this Content-Type header value (null when it had none). */
  public static ExpositionParser forContentType(String contentType) {
    return forFormat(ExpositionFormat.fromContentType(contentType));
  }
}
