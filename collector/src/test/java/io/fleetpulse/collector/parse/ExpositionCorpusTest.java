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
 * The exposition corpus: cases written from the Prometheus text format 0.0.4 documentation, the
 * behaviour of Prometheus' text parsers and the OpenMetrics 1.0 specification (its examples, and
 * one case per rule it states), under {@code
 * exposition/{valid,invalid,dropped}/{prometheus,openmetrics}/NAME.txt}. Beside each, {@code
 * NAME.expected} holds the outcome: for a valid case the parsed families as a {@link FamilyDump},
 * for an invalid one the exact error, "line N: reason", of the format's all-or-nothing verdict; for
 * a dropped case, whose bad families the collector leaves out while it keeps the rest, the families
 * kept and then one line per family dropped. {@code exposition/RULES.md} names the upstream source
 * of each rule. {@code valid/openmetrics/vllm.txt} is the vLLM engine fixture as prometheus_client
 * writes it in OpenMetrics ({@code _created} samples inside their families, counters named without
 * {@code _total}).
 */
class ExpositionCorpusTest {

  private static final Path CORPUS = corpus();

  @TestFactory
  Stream<DynamicTest> validCasesParseToTheirExpectedFamilies() {
    return cases("valid")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () ->
                        assertEquals(
                            c.expected(), FamilyDump.of(c.parser().parse(c.body())), c.name())));
  }

  @TestFactory
  Stream<DynamicTest> invalidCasesFailWithTheirExpectedLineAndReason() {
    return cases("invalid")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      ExpositionParseException error =
                          assertThrows(
                              ExpositionParseException.class, () -> c.parser().parse(c.body()));
                      assertEquals(c.expected().strip(), error.getMessage());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> droppedCasesKeepTheRestAndListEachDroppedFamily() {
    return cases("dropped")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      ParsedExposition parsed = c.parser().read(c.body());
                      assertEquals(c.expected(), dump(parsed), c.name());
                      assertFalse(parsed.problems().isEmpty(), c.name());
                    }));
  }

  /**
   * The all-or-nothing verdict is the format's: refused exactly when a dropped family broke a rule
   * of the format.
   */
  @TestFactory
  Stream<DynamicTest> droppedCasesAreRefusedOnlyForWhatTheFormatRefuses() {
    return cases("dropped")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      ParsedExposition parsed = c.parser().read(c.body());
                      if (parsed.firstRefusal().isPresent()) {
                        ExpositionParseException error =
                            assertThrows(
                                ExpositionParseException.class, () -> c.parser().parse(c.body()));
                        assertEquals(parsed.firstRefusal().get().message(), error.getMessage());
                      } else {
                        assertEquals(parsed.families(), c.parser().parse(c.body()));
                      }
                    }));
  }

  static String dump(ParsedExposition parsed) {
    StringBuilder text = new StringBuilder(FamilyDump.of(parsed.families()));
    for (ExpositionProblem problem : parsed.problems()) {
      text.append("dropped ")
          .append(problem.family())
          .append(" (")
          .append(problem.severity().label())
          .append(") ")
          .append(problem.message())
          .append('\n');
    }
    return text.toString();
  }

  /**
   * Text 0.0.4 bodies never end with # EOF, so OpenMetrics refuses every one; and no case breaks
   * the other parser.
   */
  @TestFactory
  Stream<DynamicTest> everyCaseThroughTheOtherFormatsParserFailsCleanlyOrParses() {
    return Stream.of("valid", "invalid", "dropped")
        .flatMap(ExpositionCorpusTest::cases)
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      ExpositionFormat other =
                          c.format() == ExpositionFormat.PROMETHEUS_TEXT
                              ? ExpositionFormat.OPENMETRICS_TEXT
                              : ExpositionFormat.PROMETHEUS_TEXT;
                      try {
                        Parsers.forFormat(other).parse(c.body());
                        assertFalse(
                            other == ExpositionFormat.OPENMETRICS_TEXT,
                            "OpenMetrics accepted a body without # EOF");
                      } catch (ExpositionParseException expected) {
                        // Refusing is fine; anything but this exception is not.
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyFormatAndOutcomeHasCases() {
    return Stream.of("valid", "invalid")
        .flatMap(
            validity ->
                Stream.of(ExpositionFormat.values())
                    .map(
                        format ->
                            DynamicTest.dynamicTest(
                                validity + "/" + format.id(),
                                () -> {
                                  long count =
                                      cases(validity).filter(c -> c.format() == format).count();
                                  if (count < 10) {
                                    fail(
                                        "only "
                                            + count
                                            + " "
                                            + validity
                                            + " cases for "
                                            + format.id());
                                  }
                                })));
  }

  record Case(String name, ExpositionFormat format, byte[] body, String expected) {
    ExpositionParser parser() {
      return Parsers.forFormat(format);
    }
  }

  static Stream<Case> cases(String validity) {
    return Stream.of(ExpositionFormat.values())
        .flatMap(
            format -> {
              Path directory = CORPUS.resolve(validity).resolve(format.id());
              try (Stream<Path> files = Files.list(directory)) {
                List<Path> bodies =
                    files.filter(file -> file.toString().endsWith(".txt")).sorted().toList();
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
      return new Case(
          validity + "/" + format.id() + "/" + file,
          format,
          Files.readAllBytes(body),
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
