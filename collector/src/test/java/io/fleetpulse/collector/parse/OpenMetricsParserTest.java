package io.fleetpulse.collector.parse;

import static io.fleetpulse.collector.parse.EngineFixturesParseTest.family;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleetpulse.collector.EngineFixtures;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenMetricsParserTest {

  private final OpenMetricsParser parser = new OpenMetricsParser();

  private List<MetricFamily> parse(String text) throws ExpositionParseException {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void vllmInOpenMetricsGivesTheSameSamplesAndHistogramsAsInText004() throws Exception {
    List<MetricFamily> text = new TextFormatParser().parse(EngineFixtures.read("vllm"));
    List<MetricFamily> openMetrics =
        parser.parse(resource("/exposition/valid/openmetrics/vllm.txt"));

    assertEquals(text.size(), openMetrics.size());
    for (int i = 0; i < text.size(); i++) {
      MetricFamily expected = text.get(i);
      MetricFamily actual = openMetrics.get(i);
      // The one difference: an OpenMetrics counter family is named without the _total of its
      // samples.
      String expectedName =
          expected.getType() == MetricType.COUNTER
              ? expected.getName().replaceFirst("_total$", "")
              : expected.getName();
      assertEquals(expectedName, actual.getName());
      assertEquals(expected.getType(), actual.getType(), expectedName);
      assertEquals(expected.getHelp(), actual.getHelp(), expectedName);
      assertEquals(expected.getSamples(), actual.getSamples(), expectedName);
      assertEquals(expected.getHistograms(), actual.getHistograms(), expectedName);
    }
  }

  @Test
  void counterFamilyKeepsItsNameAndItsSamplesTheirTotalNames() throws Exception {
    MetricFamily tokens =
        family(
            parse(
                String.join(
                    "\n",
                    "# TYPE vllm:generation_tokens counter",
                    "# HELP vllm:generation_tokens Number of generation tokens processed.",
                    "vllm:generation_tokens_total{engine=\"0\"} 294700.0",
                    "vllm:generation_tokens_created{engine=\"0\"} 1.7958354309676251e+09",
                    "# EOF",
                    "")),
            "vllm:generation_tokens");

    assertEquals(MetricType.COUNTER, tokens.getType());
    assertEquals(
        List.of("vllm:generation_tokens_total"),
        tokens.getSamples().stream().map(Sample::getName).toList());
  }

  @Test
  void timestampsInSecondsBecomeExactMilliseconds() throws Exception {
    List<Sample> samples =
        family(
                parse(
                    String.join(
                        "\n",
                        "# TYPE g gauge",
                        "g{k=\"a\"} 1 1520879607.789",
                        "g{k=\"b\"} 1 1520879607",
                        "g{k=\"c\"} 1 -1.5",
                        "g{k=\"d\"} 1 1.5207e9",
                        "g{k=\"e\"} 1 0.0004",
                        "# EOF")),
                "g")
            .getSamples();

    assertEquals(
        List.of(1_520_879_607_789L, 1_520_879_607_000L, -1_500L, 1_520_700_000_000L, 0L),
        samples.stream().map(Sample::getTimestampMs).toList());
  }

  @Test
  void emptyHelpIsNoHelp() throws Exception {
    assertNull(parse("# HELP a \n# TYPE a gauge\na 1\n# EOF\n").get(0).getHelp());
    assertNull(parse("# TYPE a gauge\n# HELP a \na 1\n# EOF\n").get(0).getHelp());
  }

  @Test
  void sameMetricAfterAnotherFamilyIsRefusedEvenWithoutMetadata() {
    ExpositionParseException error =
        assertThrows(ExpositionParseException.class, () -> parse("a 1\nb 1\na 2\n# EOF\n"));

    assertEquals(
        "line 3: metric a continues after another family's lines (metrics must not be interleaved)",
        error.getMessage());
  }

  @Test
  void undeclaredFamilyMayResumeWithANewMetric() throws ExpositionParseException {
    String text = "reqs_total 3\nreqs_created 17\nreqs_total{code=\"500\"} 1\n# EOF\n";

    assertEquals(
        "UNTYPED reqs_total\n"
            + "  reqs_total{} 3.0\n"
            + "  reqs_total{code=\"500\"} 1.0\n"
            + "UNTYPED reqs_created\n"
            + "  reqs_created{} 17.0\n",
        FamilyDump.of(parse(text)));
  }

  @Test
  void oneParserServesConcurrentParses() throws Exception {
    byte[] body = resource("/exposition/valid/openmetrics/vllm.txt");
    String expected = FamilyDump.of(parser.parse(body));
    List<Thread> threads = new java.util.ArrayList<>();
    List<String> results = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    for (int i = 0; i < 4; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int round = 0; round < 20; round++) {
                    results.add(FamilyDump.of(parser.parse(body)));
                  }
                } catch (ExpositionParseException e) {
                  results.add(e.getMessage());
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(80, results.size());
    results.forEach(result -> assertEquals(expected, result));
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = OpenMetricsParserTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
