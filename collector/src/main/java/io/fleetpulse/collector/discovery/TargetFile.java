package io.fleetpulse.collector.discovery;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fleetpulse.collector.config.StaticConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one file_sd file: a JSON or YAML list of target groups, {@code [{targets: [host:port, ...],
 * labels: {name: value}}]}, the format Prometheus reads. Each group is checked as a static config
 * is.
 */
final class TargetFile {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  private TargetFile() {}

  /** The file's groups; an empty file has none. */
  static List<StaticConfig> read(Path file) throws IOException, InvalidTargetFileException {
    byte[] content = Files.readAllBytes(file);
    JsonNode root;
    try {
      root = mapperFor(file).readTree(content);
    } catch (JsonProcessingException e) {
      throw new InvalidTargetFileException(describe(e));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new InvalidTargetFileException("not a list of target groups");
    }
    List<StaticConfig> groups = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      groups.add(group(root.get(i), i));
    }
    return groups;
  }

  private static ObjectMapper mapperFor(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
  }

  private static StaticConfig group(JsonNode node, int index) throws InvalidTargetFileException {
    String where = "group " + index + ": ";
    if (!node.isObject()) {
      throw new InvalidTargetFileException(where + "not a map with targets and labels");
    }
    List<String> targets = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      switch (field.getKey()) {
        case "targets" -> {
          if (!value.isArray()) {
            throw new InvalidTargetFileException(where + "targets is not a list");
          }
          for (JsonNode target : value) {
            targets.add(scalar(target, where + "a target"));
          }
        }
        case "labels" -> {
          if (!value.isObject() && !value.isNull()) {
            throw new InvalidTargetFileException(where + "labels is not a map");
          }
          for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            labels.put(label.getKey(), scalar(label.getValue(), where + "label " + label.getKey()));
          }
        }
        default ->
            throw new InvalidTargetFileException(
                where + "unknown key \"" + field.getKey() + "\" (expected targets and labels)");
      }
    }
    try {
      return new StaticConfig(targets, labels);
    } catch (IllegalArgumentException e) {
      throw new InvalidTargetFileException(where + e.getMessage());
    }
  }

  private static String scalar(JsonNode node, String what) throws InvalidTargetFileException {
    if (!node.isValueNode() || node.isNull()) {
      throw new InvalidTargetFileException(what + " is not a string");
    }
    return node.asText();
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String where =
        location != null && location.getLineNr() > 0
            ? "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": "
            : "";
    return where + e.getOriginalMessage();
  }
}
