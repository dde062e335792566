package io.fleetpulse.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The exposition corpus: cases written from the Prometheus text format 0.0.4 documentation and the
 * OpenMetrics 1.0 specification (its examples, and one case per rule it states), under
 * {@code exposition/{valid,invalid}/{prometheus,openmetrics}/NAME.txt}. Beside each,
 * {@code NAME.expected} holds the outcome: for a valid case the parsed families as a
 * {@link FamilyDump}, for an invalid one the exact error, "line N: reason".
 * {@code valid/openmetrics/vllm.txt} is the vLLM engine fixture as prometheus_client writes it in
 * OpenMetrics ({@code _created} samples inside their families, counters named without
 * {@code _total}).
 */
class ExpositionCorpusTest {

  private static final Path CORPUS = corpus();

  @TestFactory
  Stream<DynamicTest> validCasesParseToTheirExpectedFamilies() {
    return cases("valid").map(c -> DynamicTest.dynamicTest(c.name(), () ->
        assertEquals(c.expected(), FamilyDump.of(c.parser().parse(c.body())), c.name())));
  }

  @TestFactory
  Stream<DynamicTest> invalidCasesFailWithTheirExpectedLineAndReason() {
    return cases("invalid").map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      ExpositionParseException error = assertThrows(ExpositionParseException.class, () -> c.parser().parse(c.body()));
      assertEquals(c.expected().strip(), error.getMessage());
    }));
  }

  /** Text 0.0.4 bodies never end with # EOF, so OpenMetrics refuses every one; and no case breaks the other parser. */
  @TestFactory
  Stream<DynamicTest> everyCaseThroughTheOtherFormatsParserFailsCleanlyOrParses() {
    return Stream.concat(cases("valid"), cases("invalid")).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      ExpositionFormat other = c.format() == ExpositionFormat.PROMETHEUS_TEXT
          ? ExpositionFormat.OPENMETRICS_TEXT : ExpositionFormat.PROMETHEUS_TEXT;
      try {
        Parsers.forFormat(other).parse(c.body());
        assertFalse(other == ExpositionFormat.OPENMETRICS_TEXT, "OpenMetrics accepted a body without # EOF");
      } catch (ExpositionParseException expected) {
        // Refusing is fine; anything but this exception is not.
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyFormatAndOutcomeHasCases() {
    return Stream.of("valid", "invalid").flatMap(validity -> Stream.of(ExpositionFormat.values()).map(format ->
        DynamicTest.dynamicTest(validity + "/" + format.id(), () -> {
          long count = cases(validity).filter(c -> c.format() == format).count();
          if (count < 10) {
            fail("only " + count + " " + validity + " cases for " + format.id());
          }
        })));
  }

  private record Case(String name, ExpositionFormat format, byte[] body, String expected) {
    ExpositionParser parser() {
      return Parsers.forFormat(format);
    }
  }

  private static Stream<Case> cases(String validity) {
    return Stream.of(ExpositionFormat.values()).flatMap(format -> {
      Path directory = CORPUS.resolve(validity).resolve(format.id());
      try (Stream<Path> files = Files.list(directory)) {
        List<Path> bodies = files.filter(file -> file.toString().endsWith(".txt")).sorted().toList();
        return bodies.stream().map(body -> load(validity, format, body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static Case load(String validity, ExpositionFormat format, Path body) {
    String file = body.getFileName().toString();
    Path expected = body.resolveSibling(file.replace(".txt", ".expected"));
    try {
      return new Case(validity + "/" + format.id() + "/" + file, format, Files.readAllBytes(body),
          Files.readString(expected, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + body + " and " + expected, e);
    }
  }

  private static Path corpus() {
    try {
      return Path.of(ExpositionCorpusTest.class.getResource("/exposition").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
