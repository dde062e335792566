package io.fleetpulse.collector.parse;

import java.util.Locale;

/** The text exposition formats a /metrics endpoint may answer in. */
public enum ExpositionFormat {
  /**
   * The Prometheus text format 0.0.4, what {@code text/plain} bodies and unknown types are read as.
   */
  PROMETHEUS_TEXT("prometheus", "text/plain; version=0.0.4; charset=utf-8"),
  /** OpenMetrics 1.0 text (and 0.0.1, its syntax is the same), which ends with {@code # EOF}. */
  OPENMETRICS_TEXT("openmetrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");

  /**
   * The Accept header Prometheus (2.49 and later, default scrape protocols) sends: OpenMetrics
   * 1.0.0 first, then 0.0.1, then text 0.0.4, then anything. An endpoint that speaks OpenMetrics
   * answers in it and keeps its exemplars, {@code _created} series and counter family names.
   */
  public static final String ACCEPT_HEADER =
      "application/openmetrics-text;version=1.0.0;q=0.5,"
          + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

  private static final String OPENMETRICS_MEDIA_TYPE = "application/openmetrics-text";
  private static final byte[] EOF_LINE = {'#', ' ', 'E', 'O', 'F'};

  private final String id;
  private final String contentType;

  ExpositionFormat(String id, String contentType) {
    this.id = id;
    this.contentType = contentType;
  }

  /** The short name: {@code prometheus} or {@code openmetrics}. */
  public String id() {
    return id;
  }

  /** The Content-Type a body in this format is served with. */
  public String contentType() {
    return contentType;
  }

  /**
   * The format of a response with this Content-Type, as Prometheus decides it: the media type
   * {@code application/openmetrics-text} (any version, any parameters, any case) is OpenMetrics,
   * everything else, a missing header included, is text 0.0.4.
   */
  public static ExpositionFormat fromContentType(String contentType) {
    if (contentType == null) {
      return PROMETHEUS_TEXT;
    }
    int parameters = contentType.indexOf(';');
    String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
    return mediaType.toLowerCase(Locale.ROOT).equals(OPENMETRICS_MEDIA_TYPE)
        ? OPENMETRICS_TEXT
        : PROMETHEUS_TEXT;
  }

  /**
   * The format of a body whose Content-Type is unknown (a file, say): OpenMetrics when its last
   * line is {@code # EOF}, which every OpenMetrics exposition ends with and no text 0.0.4 needs. A
   * CRLF line end still counts, so that the OpenMetrics parser can say what is wrong with it.
   */
  public static ExpositionFormat detect(byte[] body) {
    int end = body.length;
    if (end > 0 && body[end - 1] == '\n') {
      end--;
    }
    if (end > 0 && body[end - 1] == '\r') {
      end--;
    }
    int start = end - EOF_LINE.length;
    if (start < 0 || (start > 0 && body[start - 1] != '\n')) {
      return PROMETHEUS_TEXT;
    }
    for (int i = 0; i < EOF_LINE.length; i++) {
      if (body[start + i] != EOF_LINE[i]) {
        return PROMETHEUS_TEXT;
      }
    }
    return OPENMETRICS_TEXT;
  }
}
