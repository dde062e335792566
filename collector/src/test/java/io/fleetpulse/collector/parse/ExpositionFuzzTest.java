package io.fleetpulse.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.EngineFixtures;
import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Sample;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutates the engine fixtures and the corpus (byte flips, insertions of the characters the grammar
 * cares about, deletions, truncations, duplicated and swapped lines) and feeds every mutant to both
 * parsers: each must either refuse it with an ExpositionParseException whose line exists, or read
 * it into families that keep the parser's promises, each family it dropped named with a line that
 * exists and left out. Inputs are windows of at most 8 KiB, which bounds each parse's work (the
 * parsers are single-pass); the seed is fixed, so a failure names an input that can be replayed.
 */
class ExpositionFuzzTest {

  private static final int INPUTS = 100_000;
  private static final int MAX_INPUT_BYTES = 8 * 1024;
  private static final long SEED = 20_240_601L;
  private static final byte[] SPECIAL =
      "{}\"\\=,# \t\n\r_:.+-eE019aZ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EOF_LINE = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void mutatedExpositionsAreParsedOrRefusedWithALineAndReason() {
    List<byte[]> seeds = seeds();
    Map<ExpositionFormat, int[]> accepted = new EnumMap<>(ExpositionFormat.class);
    for (ExpositionFormat format : ExpositionFormat.values()) {
      accepted.put(format, new int[1]);
    }
    // A guard against a parser that never returns; the parses themselves take a few seconds.
    assertTimeoutPreemptively(
        Duration.ofMinutes(3),
        () -> {
          Random random = new Random(SEED);
          for (int i = 0; i < INPUTS; i++) {
            byte[] input = mutate(window(seeds.get(random.nextInt(seeds.size())), random), random);
            for (ExpositionFormat format : ExpositionFormat.values()) {
              if (parse(format, input, i)) {
                accepted.get(format)[0]++;
              }
            }
          }
        });
    // Mutations that keep a body valid (a changed digit, a duplicated gauge line) must occur, or
    // only the error paths were exercised.
    accepted.forEach(
        (format, count) ->
            assertTrue(count[0] > INPUTS / 100, format + " accepted only " + count[0]));
  }

  /**
   * Whether the parser accepted the input (the format's verdict); fails the test on anything but a
   * clean refusal, or families and dropped-family problems that keep the parser's promises.
   */
  private static boolean parse(ExpositionFormat format, byte[] input, int index) {
    ParsedExposition parsed;
    try {
      parsed = Parsers.forFormat(format).read(input);
    } catch (ExpositionParseException e) {
      assertTrue(
          e.line() >= 1 && e.line() <= lineCount(input) + 1,
          () -> describe(format, index, input, e));
      assertEquals("line " + e.line() + ": " + e.reason(), e.getMessage());
      assertFalse(e.reason().isBlank(), () -> describe(format, index, input, e));
      return false;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError(describe(format, index, input, e), e);
    }
    checkPromises(parsed.families(), () -> describe(format, index, input, null));
    Set<String> kept = new HashSet<>();
    parsed.families().forEach(family -> kept.add(family.getName().toString()));
    for (ExpositionProblem problem : parsed.problems()) {
      assertTrue(
          problem.line() >= 1 && problem.line() <= lineCount(input),
          () -> describe(format, index, input, null));
      assertFalse(
          problem.reason().isBlank() || problem.family().isEmpty(),
          () -> describe(format, index, input, null));
      assertFalse(
          kept.contains(problem.family()),
          () -> "dropped family kept: " + describe(format, index, input, null));
    }
    return parsed.firstRefusal().isEmpty();
  }

  private static void checkPromises(
      List<MetricFamily> families, java.util.function.Supplier<String> input) {
    Set<String> names = new HashSet<>();
    for (MetricFamily family : families) {
      assertTrue(
          names.add(family.getName().toString()),
          () -> "two families " + family.getName() + " in " + input.get());
      assertFalse(family.getSamples().isEmpty() && family.getHistograms().isEmpty(), input);
      for (Sample sample : family.getSamples()) {
        assertFalse(sample.getName().toString().isEmpty(), input);
      }
      for (Histogram histogram : family.getHistograms()) {
        List<Double> bounds = histogram.getBounds();
        List<Double> counts = histogram.getCumulativeCounts();
        assertEquals(bounds.size() + 1, counts.size(), input);
        for (int i = 0; i < bounds.size(); i++) {
          assertFalse(bounds.get(i).isNaN(), input);
          assertTrue(i == 0 || bounds.get(i) > bounds.get(i - 1), input);
        }
        for (int i = 0; i < counts.size(); i++) {
          assertTrue(counts.get(i) >= 0 && (i == 0 || counts.get(i) >= counts.get(i - 1)), input);
        }
      }
    }
  }

  /** A seed as is, or a run of its lines of at most MAX_INPUT_BYTES, sometimes ending in # EOF. */
  private static byte[] window(byte[] seed, Random random) {
    byte[] window = seed;
    if (seed.length > MAX_INPUT_BYTES) {
      int start = lineStartAtOrBefore(seed, random.nextInt(seed.length - MAX_INPUT_BYTES));
      int end = lineStartAtOrBefore(seed, start + MAX_INPUT_BYTES - EOF_LINE.length);
      window = java.util.Arrays.copyOfRange(seed, start, Math.max(end, start + 1));
    }
    if (random.nextBoolean() && !endsWith(window, EOF_LINE)) {
      byte[] withEof = java.util.Arrays.copyOf(window, window.length + EOF_LINE.length);
      System.arraycopy(EOF_LINE, 0, withEof, window.length, EOF_LINE.length);
      window = withEof;
    }
    return window;
  }

  private static byte[] mutate(byte[] input, Random random) {
    List<Byte> bytes = new ArrayList<>(input.length + 16);
    for (byte b : input) {
      bytes.add(b);
    }
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations && !bytes.isEmpty(); m++) {
      int at = random.nextInt(bytes.size());
      switch (random.nextInt(6)) {
        case 0 ->
            bytes.set(at, random.nextBoolean() ? special(random) : (byte) random.nextInt(256));
        case 1 -> {
          for (int n = 1 + random.nextInt(3); n > 0; n--) {
            bytes.add(at, special(random));
          }
        }
        case 2 -> bytes.subList(at, Math.min(bytes.size(), at + 1 + random.nextInt(16))).clear();
        case 3 -> bytes.subList(at, bytes.size()).clear();
        case 4 -> duplicateLine(bytes, at, random.nextInt(bytes.size()));
        default -> swapLines(bytes, at, random.nextInt(bytes.size()));
      }
    }
    byte[] mutated = new byte[bytes.size()];
    for (int i = 0; i < mutated.length; i++) {
      mutated[i] = bytes.get(i);
    }
    return mutated;
  }

  private static void duplicateLine(List<Byte> bytes, int inLine, int insertAt) {
    List<Byte> line =
        new ArrayList<>(bytes.subList(lineStart(bytes, inLine), lineEnd(bytes, inLine)));
    bytes.addAll(lineStart(bytes, insertAt), line);
  }

  private static void swapLines(List<Byte> bytes, int inFirst, int inSecond) {
    int firstStart = lineStart(bytes, Math.min(inFirst, inSecond));
    int firstEnd = lineEnd(bytes, Math.min(inFirst, inSecond));
    int secondStart = lineStart(bytes, Math.max(inFirst, inSecond));
    int secondEnd = lineEnd(bytes, Math.max(inFirst, inSecond));
    if (secondStart < firstEnd) {
      return;
    }
    List<Byte> first = new ArrayList<>(bytes.subList(firstStart, firstEnd));
    List<Byte> second = new ArrayList<>(bytes.subList(secondStart, secondEnd));
    bytes.subList(secondStart, secondEnd).clear();
    bytes.addAll(secondStart, first);
    bytes.subList(firstStart, firstEnd).clear();
    bytes.addAll(firstStart, second);
  }

  /** The start of the line holding {@code at}. */
  private static int lineStart(List<Byte> bytes, int at) {
    int start = Math.min(at, bytes.size());
    while (start > 0 && bytes.get(start - 1) != '\n') {
      start--;
    }
    return start;
  }

  /** Just past the '\n' ending the line holding {@code at}, or the end. */
  private static int lineEnd(List<Byte> bytes, int at) {
    int end = at;
    while (end < bytes.size() && bytes.get(end) != '\n') {
      end++;
    }
    return Math.min(end + 1, bytes.size());
  }

  private static int lineStartAtOrBefore(byte[] bytes, int at) {
    int start = Math.min(at, bytes.length);
    while (start > 0 && bytes[start - 1] != '\n') {
      start--;
    }
    return start;
  }

  private static boolean endsWith(byte[] bytes, byte[] suffix) {
    return bytes.length >= suffix.length
        && java.util.Arrays.equals(
            bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
  }

  private static byte special(Random random) {
    return SPECIAL[random.nextInt(SPECIAL.length)];
  }

  private static int lineCount(byte[] input) {
    int lines = 1;
    for (byte b : input) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static String describe(
      ExpositionFormat format, int index, byte[] input, Throwable outcome) {
    String text = new String(input, 0, Math.min(input.length, 2_000), StandardCharsets.UTF_8);
    return "input #"
        + index
        + " (seed "
        + SEED
        + ") as "
        + format.id()
        + (outcome == null ? "" : " gave " + outcome)
        + ":\n"
        + text;
  }

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (String engine : List.of("vllm", "tgi", "llamacpp", "sglang")) {
      seeds.add(EngineFixtures.read(engine));
    }
    try (Stream<Path> files =
        Files.walk(Path.of(ExpositionFuzzTest.class.getResource("/exposition").toURI()))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        seeds.add(Files.readAllBytes(file));
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("reading the corpus", e);
    }
    return seeds;
  }
}
