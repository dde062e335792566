package io.fleetpulse.collector.parse;

import static io.fleetpulse.collector.parse.EngineFixturesParseTest.family;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.Sample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFormatParserTest {

  private final TextFormatParser parser = new TextFormatParser();

  private List<MetricFamily> parse(String text) throws ExpositionParseException {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private ExpositionParseException failure(String text) {
    return assertThrows(ExpositionParseException.class, () -> parse(text));
  }

  @Test
  void labelValuesUnescapeBackslashQuoteAndNewline() throws Exception {
    List<MetricFamily> families =
        parse("a{path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\",nl=\"x\\ny\",plain=\"é\"} 1\n");

    assertEquals(
        Map.of("path", "C:\\dir", "quote", "say \"hi\"", "nl", "x\ny", "plain", "é"),
        families.get(0).getSamples().get(0).getLabels());
  }

  @Test
  void helpTextUnescapesBackslashAndNewline() throws Exception {
    List<MetricFamily> families = parse("# HELP a first\\nsecond \\\\ back\n# TYPE a gauge\na 1\n");

    assertEquals("first\nsecond \\ back", families.get(0).getHelp());
  }

  @Test
  void specialAndScientificValuesAndTimestamps() throws Exception {
    List<MetricFamily> families =
        parse(
            String.join(
                "\n",
                "# TYPE v gauge",
                "v{k=\"nan\"} NaN",
                "v{k=\"pos\"} +Inf",
                "v{k=\"neg\"} -Inf",
                "v{k=\"g\"} 1.23457e+06",
                "v{k=\"small\"} 2.5e-05 1700000000123",
                "v{k=\"old\"} -3 -5",
                ""));

    List<Sample> samples = family(families, "v").getSamples();
    assertTrue(Double.isNaN(samples.get(0).getValue()));
    assertEquals(Double.POSITIVE_INFINITY, samples.get(1).getValue());
    assertEquals(Double.NEGATIVE_INFINITY, samples.get(2).getValue());
    assertEquals(1_234_570.0, samples.get(3).getValue());
    assertEquals(2.5e-05, samples.get(4).getValue());
    assertEquals(1_700_000_000_123L, samples.get(4).getTimestampMs());
    assertEquals(-3.0, samples.get(5).getValue());
    assertEquals(-5L, samples.get(5).getTimestampMs());
  }

  @Test
  void toleratesBlankLinesCommentsSpacingTrailingCommasAndCrlf() throws Exception {
    List<MetricFamily> families =
        parse(
            "\n# just a comment\n#\n  \t\n# HELP   c   Requests.\r\n# TYPE c counter\r\n"
                + "c { a = \"1\" , b=\"2\", }   7  \r\n\n");

    MetricFamily counter = family(families, "c");
    assertEquals("Requests.", counter.getHelp());
    assertEquals(MetricType.COUNTER, counter.getType());
    assertEquals(Map.of("a", "1", "b", "2"), counter.getSamples().get(0).getLabels());
    assertEquals(7.0, counter.getSamples().get(0).getValue());
  }

  @Test
  void samplesWithoutTypeAreUntypedOneFamilyPerName() throws Exception {
    List<MetricFamily> families = parse("x_bucket{le=\"1\"} 2\nx_sum 3\nx_bucket{le=\"+Inf\"} 4\n");

    assertEquals(
        List.of("x_bucket", "x_sum"), families.stream().map(MetricFamily::getName).toList());
    assertTrue(families.stream().allMatch(f -> f.getType() == MetricType.UNTYPED));
    assertEquals(2, family(families, "x_bucket").getSamples().size());
  }

  @Test
  void histogramsAreStructuredPerLabelSet() throws Exception {
    List<MetricFamily> families =
        parse(
            String.join(
                "\n",
                "# TYPE h histogram",
                "h_bucket{path=\"/a\",le=\"0.5\"} 1",
                "h_bucket{le=\"1\",path=\"/a\"} 3",
                "h_bucket{path=\"/a\",le=\"+Inf\"} 4",
                "h_sum{path=\"/a\"} 2.5",
                "h_count{path=\"/a\"} 4",
                "h_created{path=\"/a\"} 1.7e+09",
                "h_bucket{path=\"/b\",le=\"0.5\"} 0",
                "h_bucket{path=\"/b\",le=\"1\"} 0",
                "h_bucket{path=\"/b\",le=\"+Inf\"} 2",
                "h_sum{path=\"/b\"} 9",
                ""));

    MetricFamily family = family(families, "h");
    assertEquals(MetricType.HISTOGRAM, family.getType());
    assertTrue(family.getSamples().isEmpty());
    assertEquals(
        List.of(
            new Histogram(
                Map.of("path", "/a"), List.of(0.5, 1.0), List.of(1.0, 3.0, 4.0), 2.5, 4.0),
            // No _count: the +Inf bucket is the count.
            new Histogram(
                Map.of("path", "/b"), List.of(0.5, 1.0), List.of(0.0, 0.0, 2.0), 9.0, 2.0)),
        family.getHistograms());
  }

  @Test
  void summaryKeepsQuantilesSumAndCountAsSamples() throws Exception {
    List<MetricFamily> families =
        parse(
            String.join(
                "\n",
                "# TYPE s summary",
                "s{quantile=\"0.5\"} 1",
                "s{quantile=\"0.99\"} 4",
                "s_sum 10",
                "s_count 5",
                "s_created 1.7e+09",
                ""));

    MetricFamily summary = family(families, "s");
    assertEquals(MetricType.SUMMARY, summary.getType());
    assertEquals(
        List.of("s", "s", "s_sum", "s_count"),
        summary.getSamples().stream().map(Sample::getName).toList());
    assertEquals(5.0, summary.getSamples().get(3).getValue());
  }

  @Test
  void groupsByTheTypeLineNotBySuffix() throws Exception {
    List<MetricFamily> families =
        parse(
            String.join(
                "\n",
                "# TYPE req histogram",
                "req_bucket{le=\"+Inf\"} 1",
                "req_sum 1",
                "# TYPE req_count counter",
                "req_count 7",
                "# TYPE tokens counter",
                "tokens_total 12",
                ""));

    assertEquals(
        List.of("req", "req_count", "tokens"),
        families.stream().map(MetricFamily::getName).toList());
    assertEquals(1.0, family(families, "req").getHistograms().get(0).getCount());
    assertEquals(7.0, family(families, "req_count").getSamples().get(0).getValue());
    assertEquals("tokens_total", family(families, "tokens").getSamples().get(0).getName());
  }

  @Test
  void dropsCreatedFamiliesOfCountersHistogramsAndSummariesOnly() throws Exception {
    List<MetricFamily> families =
        parse(
            String.join(
                "\n",
                "# TYPE jobs_total counter",
                "jobs_total 3",
                "# TYPE jobs_created gauge",
                "jobs_created 1.7e+09",
                "# TYPE pod_created gauge",
                "pod_created 1.6e+09",
                "# TYPE empty gauge",
                ""));

    assertEquals(
        List.of("jobs_total", "pod_created"),
        families.stream().map(MetricFamily::getName).toList());
  }

  @Test
  void tokensThatOnlyStartLikeThoseOfTheLineBeforeAreReadInFull() throws Exception {
    List<MetricFamily> families =
        parse(
            String.join(
                "\n",
                "a{x=\"ab\",y=\"1\"} 1",
                "a{x=\"abc\",y=\"1\"} 2",
                "a{x=\"ab\"} 3",
                "a{xy=\"ab\"} 4",
                "ab{x=\"a\\\"b\"} 5",
                "ab{x=\"a\"} 6",
                "a 7",
                ""));

    assertEquals(List.of("a", "ab"), families.stream().map(MetricFamily::getName).toList());
    assertEquals(
        List.of(
            Map.of("x", "ab", "y", "1"),
            Map.of("x", "abc", "y", "1"),
            Map.of("x", "ab"),
            Map.of("xy", "ab"),
            Map.of()),
        family(families, "a").getSamples().stream().map(Sample::getLabels).toList());
    assertEquals(
        List.of(Map.of("x", "a\"b"), Map.of("x", "a")),
        family(families, "ab").getSamples().stream().map(Sample::getLabels).toList());
  }

  @Test
  void quotedNamesNameFamiliesAndLabelsTheLegacyCharactersCannotSpell() throws Exception {
    List<MetricFamily> families =
        parse(
            String.join(
                "\n",
                "# TYPE \"kv.usage\" gauge",
                "{\"kv.usage\",\"engine.id\"=\"a\"} 0.5",
                "{ node=\"n1\" , \"kv.usage\" } 0.75 1700000000000",
                "tokens{\"gen_ai.model\"=\"llama\"} 3",
                ""));

    assertEquals(MetricType.GAUGE, family(families, "kv.usage").getType());
    List<Sample> samples = family(families, "kv.usage").getSamples();
    assertEquals(Map.of("engine.id", "a"), samples.get(0).getLabels());
    assertEquals(Map.of("node", "n1"), samples.get(1).getLabels());
    assertEquals(1700000000000L, samples.get(1).getTimestampMs());
    assertEquals(
        Map.of("gen_ai.model", "llama"),
        family(families, "tokens").getSamples().get(0).getLabels());
  }

  @Test
  void aSampleNeedsExactlyOneMetricName() {
    assertFailure(1, "sample without a metric name", "{engine=\"a\"} 1\n");
    assertFailure(2, "sample without a metric name", "{\"kv.usage\"} 1\n{} 2\n");
    assertFailure(1, "a second metric name \"b.c\" in the labels of a", "a{\"b.c\"} 1\n");
    assertFailure(1, "empty quoted name", "{\"\"} 1\n");
    assertFailure(1, "unterminated quoted name", "{\"kv.usage} 1\n");
  }

  @Test
  void emptyBodyHasNoFamilies() throws Exception {
    assertEquals(List.of(), parse(""));
  }

  @Test
  void errorMessageIsLineAndReason() {
    ExpositionParseException error = failure("# TYPE a gauge\na 1\na abc\n");

    assertEquals(3, error.line());
    assertEquals("invalid value of a: \"abc\" is not a number", error.reason());
    assertEquals("line 3: invalid value of a: \"abc\" is not a number", error.getMessage());
  }

  @Test
  void malformedSamplesNameTheirLine() {
    assertFailure(2, "unterminated value of label \"a\"", "ok 1\nx{a=\"open} 1\n");
    assertFailure(1, "invalid escape \\t in value of label \"a\"", "x{a=\"\\t\"} 1\n");
    assertFailure(1, "duplicate label \"a\"", "x{a=\"1\",a=\"2\"} 1\n");
    assertFailure(1, "missing value for sample x", "x{a=\"1\"}\n");
    assertFailure(1, "expected '=' after label name \"a\"", "x{a:\"1\"} 1\n");
    assertFailure(1, "expected ',' or '}' after label \"a\"", "x{a=\"1\";b=\"2\"} 1\n");
    assertFailure(1, "invalid timestamp \"1.5\"", "x 1 1.5\n");
    assertFailure(1, "unexpected \"extra\" at the end of sample x", "x 1 2 extra\n");
    assertFailure(1, "invalid character '-' in metric name \"x-\"", "x-y 1\n");
    assertFailure(3, "expected a metric name, found \"9x\"", "\n\n9x 1\n");
    assertFailure(1, "invalid value of x: \"1d\" is not a number", "x 1d\n");
  }

  @Test
  void malformedTypeAndHelpLinesNameTheirLine() {
    assertFailure(1, "unknown type \"countr\" for x", "# TYPE x countr\n");
    assertFailure(1, "unknown type \"gauge \" for x", "# TYPE x gauge \n");
    assertFailure(2, "second TYPE line for x", "# TYPE x gauge\n# TYPE x gauge\n");
    assertFailure(2, "TYPE line for x comes after its samples", "x 1\n# TYPE x gauge\n");
    assertFailure(2, "second HELP line for x", "# HELP x one\n# HELP x two\n");
    assertFailure(1, "invalid escape \\t in HELP text: only", "# HELP x a\\tb\n");
    assertFailure(1, "expected a metric name, found \"9x\"", "# HELP 9x text\n");
  }

  @Test
  void histogramCountsBelowZeroAndBoundsThatAreNotNumbersAreRefused() {
    String header = "# TYPE h histogram\n";
    assertFailure(
        2,
        "bucket le=\"1\" of histogram h has negative count -1.0",
        header + "h_bucket{le=\"1\"} -1\n");
    assertFailure(2, "h_count of h is -1.0; a count must not be negative", header + "h_count -1\n");
    assertFailure(
        2, "invalid le of h_bucket: \"abc\" is not a number", header + "h_bucket{le=\"abc\"} 1\n");
    assertFailure(
        2,
        "invalid quantile of s: \"x\" is not a number",
        "# TYPE s summary\ns{quantile=\"x\"} 1\n");
  }

  /**
   * Prometheus stores these, and PromQL repairs or gives NaN for them; no record could hold them
   * sanely.
   */
  @Test
  void histogramsThatPrometheusStoresButNoRecordCanHoldAreDroppedAndTheRestKept() throws Exception {
    String header = "# TYPE h histogram\n";
    String rest = "up 1\n";
    assertDropped(
        3,
        "bucket le=\"2\" of histogram h has count 3.0, below the 5.0 of bucket le=\"1\""
            + " (buckets must be cumulative)",
        header + "h_bucket{le=\"1\"} 5\nh_bucket{le=\"2\"} 3\n" + rest);
    assertDropped(
        3,
        "bucket le=\"1\" of histogram h is not above the previous bucket le=\"2\" (bounds must ascend)",
        header + "h_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\n" + rest);
    assertDropped(
        3,
        "bucket le=\"1\" of histogram h comes after the +Inf bucket",
        header + "h_bucket{le=\"+Inf\"} 1\nh_bucket{le=\"1\"} 1\n" + rest);
    assertDropped(
        3,
        "histogram h{a=\"x\"} has no +Inf bucket and no _count to take it from",
        header + "h_bucket{a=\"x\",le=\"1\"} 1\nh_sum{a=\"x\"} 1\n" + rest);
    assertDropped(
        2, "h_count of h is NaN; a count must be a number", header + "h_count NaN\n" + rest);
  }

  private void assertDropped(int line, String reason, String text) throws ExpositionParseException {
    ParsedExposition parsed = parser.read(text.getBytes(StandardCharsets.UTF_8));
    assertEquals(
        List.of(new ExpositionProblem(line, "h", reason, ExpositionProblem.Severity.UNUSABLE)),
        parsed.problems());
    assertEquals(
        List.of("up"), parsed.families().stream().map(f -> f.getName().toString()).toList());
    assertEquals(
        parsed.families(),
        parse(text),
        "the format accepts it, so the strict parse does too, less h");
  }

  private void assertFailure(int line, String reasonStart, String text) {
    ExpositionParseException error = failure(text);
    assertEquals(line, error.line(), () -> "line of: " + error.getMessage());
    assertTrue(error.reason().startsWith(reasonStart), () -> "reason: " + error.reason());
  }
}
