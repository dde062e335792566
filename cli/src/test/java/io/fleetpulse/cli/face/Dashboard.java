package io.fleetpulse.cli.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Grafana dashboard JSON as the queries it sends: its template variables, in the order Grafana
 * resolves them, and every panel target's PromQL, rows' nested panels included.
 */
record Dashboard(String file, List<Variable> variables, List<Query> queries) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A template variable: a {@code query} one (PromQL for its values) or a {@code custom} one (fixed
   * values).
   */
  record Variable(
      String name, String type, String query, boolean multi, boolean includeAll, String current) {

    /** A custom variable's fixed options, as Grafana reads its comma-separated query. */
    List<String> customOptions() {
      return List.of(query.split(","));
    }
  }

  /**
   * Each way to set the custom variables worth querying: every option of each in turn, the others
   * at their saved value; one way with nothing chosen when there are none.
   */
  List<Map<String, String>> customChoices() {
    List<Map<String, String>> choices = new ArrayList<>();
    for (Variable variable : variables) {
      if (variable.type().equals("custom")) {
        variable.customOptions().forEach(option -> choices.add(Map.of(variable.name(), option)));
      }
    }
    return choices.isEmpty() ? List.of(Map.of()) : choices;
  }

  /** One panel target's expression, with the panel it belongs to. */
  record Query(String panel, String expr) {}

  /** Every dashboard in {@code folder}, in file-name order. */
  static List<Dashboard> loadAll(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Dashboard> dashboards = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        dashboards.add(load(file));
      }
      return dashboards;
    }
  }

  static Dashboard load(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    List<Variable> variables = new ArrayList<>();
    for (JsonNode variable : root.path("templating").path("list")) {
      JsonNode query = variable.path("query");
      JsonNode current = variable.path("current").path("value");
      variables.add(
          new Variable(
              variable.path("name").asText(),
              variable.path("type").asText(),
              query.isObject() ? query.path("query").asText() : query.asText(),
              variable.path("multi").asBoolean(),
              variable.path("includeAll").asBoolean(),
              current.isArray() ? current.path(0).asText() : current.asText()));
    }
    List<Query> queries = new ArrayList<>();
    collect(root.path("panels"), queries);
    return new Dashboard(file.getFileName().toString(), variables, queries);
  }

  private static void collect(JsonNode panels, List<Query> queries) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr")) {
          queries.add(new Query(panel.path("title").asText(), target.path("expr").asText()));
        }
      }
      collect(panel.path("panels"), queries);
    }
  }
}
