package io.fleetpulse.cli.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every option in a YAML text, by its path as errors name it ({@code
 * collector.scrape_configs[0]. scrape_interval}), so that a mistake found while binding, when the
 * parser has long moved on, still names its line. A key's line is where the key stands.
 */
final class YamlLines {

  private static final YAMLFactory YAML = new YAMLFactory();

  private final Map<String, Integer> lines;

  private YamlLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /**
   * The lines of {@code yaml}; a text that does not parse has none (its syntax error names its own
   * line).
   */
  static YamlLines of(String yaml) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = YAML.createParser(yaml)) {
      if (parser.nextToken() != null) {
        walk(parser, "", lines);
      }
    } catch (IOException e) {
      lines.clear();
    }
    return new YamlLines(lines);
  }

  /** Whether {@code path} is written in the text. */
  boolean has(String path) {
    return lines.containsKey(path);
  }

  /**
   * The line of {@code path}, or of the nearest enclosing option written in the text; 0 when none
   * is.
   */
  int lineOf(String path) {
    String current = path;
    while (!current.isEmpty()) {
      Integer line = lines.get(current);
      if (line != null) {
        return line;
      }
      int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
      current = cut < 0 ? "" : current.substring(0, cut);
    }
    return 0;
  }

  private static void walk(JsonParser parser, String path, Map<String, Integer> lines)
      throws IOException {
    JsonToken token = parser.currentToken();
    if (!path.isEmpty()) {
      lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
    }
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String child = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
        lines.putIfAbsent(child, parser.currentTokenLocation().getLineNr());
        parser.nextToken();
        walk(parser, child, lines);
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        walk(parser, path + "[" + index++ + "]", lines);
      }
    }
  }
}
