package io.fleetpulse.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpositionFormatTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/openmetrics-text; version=1.0.0; charset=utf-8",
        "application/openmetrics-text;version=0.0.1",
        "application/openmetrics-text",
        " Application/OpenMetrics-Text ; version=1.0.0",
      })
  void openMetricsMediaTypeIsOpenMetrics(String contentType) {
    assertEquals(ExpositionFormat.OPENMETRICS_TEXT, ExpositionFormat.fromContentType(contentType));
    assertInstanceOf(OpenMetricsParser.class, Parsers.forContentType(contentType));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain; version=0.0.4; charset=utf-8",
        "text/plain",
        "application/json",
        "application/openmetrics-textual",
        "",
      })
  void everythingElseIsText004(String contentType) {
    assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.fromContentType(contentType));
    assertInstanceOf(TextFormatParser.class, Parsers.forContentType(contentType));
  }

  @Test
  void noContentTypeIsText004() {
    assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.fromContentType(null));
  }

  @Test
  void acceptHeaderPrefersOpenMetricsLikePrometheus() {
    assertEquals(
        "application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,"
            + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2",
        ExpositionFormat.ACCEPT_HEADER);
  }

  @Test
  void parsersAreSharedInstances() {
    assertSame(
        Parsers.forFormat(ExpositionFormat.OPENMETRICS_TEXT),
        Parsers.forFormat(ExpositionFormat.OPENMETRICS_TEXT));
    assertSame(Parsers.forFormat(ExpositionFormat.PROMETHEUS_TEXT), Parsers.forContentType(null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a 1\\n# EOF\\n   | OPENMETRICS_TEXT",
        "a 1\\n# EOF      | OPENMETRICS_TEXT",
        "# EOF            | OPENMETRICS_TEXT",
        "a 1\\r\\n# EOF\\r\\n | OPENMETRICS_TEXT",
        "a 1\\n           | PROMETHEUS_TEXT",
        "a 1\\n# EOF\\n\\n | PROMETHEUS_TEXT",
        "a 1\\nx# EOF\\n  | PROMETHEUS_TEXT",
        "a 1\\n# EOFS\\n  | PROMETHEUS_TEXT",
        "''               | PROMETHEUS_TEXT",
      })
  void detectsOpenMetricsByItsFinalEofLine(String body, ExpositionFormat expected) {
    byte[] bytes = body.replace("\\n", "\n").replace("\\r", "\r").getBytes(StandardCharsets.UTF_8);
    assertEquals(expected, ExpositionFormat.detect(bytes));
  }
}
