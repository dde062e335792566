package io.fleetpulse.simulator.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's real-format engine /metrics samples, and a structural view of any exposition text.
 */
final class EngineFixture {

  private static final Path DIRECTORY = Path.of("../fixtures/engines");
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private EngineFixture() {}

  static String text() {
    return text("vllm.prom");
  }

  static String text(String fileName) {
    Path file = DIRECTORY.resolve(fileName);
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the engine fixture is expected at " + file.toAbsolutePath(), e);
    }
  }

  static List<String> linesStartingWith(String text, String prefix) {
    return text.lines().filter(line -> line.startsWith(prefix)).toList();
  }

  /**
   * Each sample as its name, its label names in order, and its {@code le} value: what must match
   * the fixture even though the values, and label values such as the Python version, differ.
   */
  static TreeSet<String> sampleShapes(String text) {
    TreeSet<String> shapes = new TreeSet<>();
    for (String line :
        text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList()) {
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("not a sample line: " + line);
      }
      StringBuilder shape = new StringBuilder(sample.group(1)).append('{');
      for (var label : labels(sample.group(3)).entrySet()) {
        shape.append(label.getKey());
        if (label.getKey().equals("le")) {
          shape.append('=').append(label.getValue());
        }
        shape.append(',');
      }
      shapes.add(shape.append('}').toString());
    }
    return shapes;
  }

  /** Label names in the order they appear, with their values. */
  static TreeMap<String, String> labels(String rendered) {
    TreeMap<String, String> labels = new TreeMap<>();
    if (rendered != null) {
      Matcher label = LABEL.matcher(rendered);
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
    }
    return labels;
  }
}
