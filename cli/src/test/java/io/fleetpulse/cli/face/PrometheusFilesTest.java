package io.fleetpulse.cli.face;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleetpulse.cli.external.DebianTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The shipped prometheus/ files as Prometheus' own tool sees them: the config and the rules it
 * loads are valid, every rule test passes, and every alert carries its annotations and is exercised
 * by a test.
 */
class PrometheusFilesTest {

  private static final Path PROMETHEUS = ToolRun.REPOSITORY.resolve("prometheus");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theConfigIsValidAndLoadsEveryRuleFile() throws Exception {
    ToolRun run = promtool(List.of("check", "config", "prometheus/prometheus.yml"));

    assertEquals(0, run.exitCode(), run.describe());
    assertTrue(
        run.output().contains("SUCCESS: " + files("rules").size() + " rule files found"),
        run.describe());
  }

  @Test
  void theRulesAreValid() throws Exception {
    ToolRun run =
        promtool(Stream.concat(Stream.of("check", "rules"), files("rules").stream()).toList());

    assertEquals(0, run.exitCode(), run.describe());
    assertFalse(run.output().contains("FAILED"), run.describe());
  }

  @Test
  void everyRuleTestPasses() throws Exception {
    ToolRun run =
        promtool(Stream.concat(Stream.of("test", "rules"), files("tests").stream()).toList());

    assertEquals(0, run.exitCode(), run.describe());
    assertEquals(
        files("tests").size(), run.output().split("SUCCESS", -1).length - 1, run.describe());
  }

  @Test
  void everyAlertHasItsAnnotationsAndATest() throws IOException {
    StringBuilder tests = new StringBuilder();
    for (String test : files("tests")) {
      tests.append(Files.readString(ToolRun.REPOSITORY.resolve(test)));
    }
    List<Executable> checks = new ArrayList<>();
    int alerts = 0;
    for (String file : files("rules")) {
      for (JsonNode group :
          YAML.readTree(ToolRun.REPOSITORY.resolve(file).toFile()).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          String alert = rule.path("alert").asText("");
          if (alert.isEmpty()) {
            continue;
          }
          alerts++;
          for (String annotation : List.of("summary", "description", "runbook")) {
            checks.add(
                () ->
                    assertFalse(
                        rule.path("annotations").path(annotation).asText("").isBlank(),
                        file + ": alert " + alert + " has no " + annotation + " annotation"));
          }
          checks.add(
              () ->
                  assertTrue(
                      tests.indexOf("alertname=\"" + alert + "\"") >= 0
                          || tests.indexOf("alertname: " + alert + "\n") >= 0,
                      "no test in prometheus/tests names alert " + alert + " (" + file + ")"));
        }
      }
    }
    assertTrue(alerts > 0, "no alerts found in prometheus/rules");
    assertAll(checks);
  }

  private static ToolRun promtool(List<String> arguments) throws IOException, InterruptedException {
    return ToolRun.of(DebianTool.onPath("promtool", "prometheus"), arguments);
  }

  /**
   * The YAML files in prometheus/{@code folder}, as paths from the repository root, in name order.
   */
  private static List<String> files(String folder) throws IOException {
    try (Stream<Path> listed = Files.list(PROMETHEUS.resolve(folder))) {
      List<String> files =
          listed
              .filter(p -> p.getFileName().toString().endsWith(".yml"))
              .map(p -> ToolRun.REPOSITORY.relativize(p).toString())
              .sorted()
              .toList();
      assertFalse(files.isEmpty(), "no .yml files in prometheus/" + folder);
      return files;
    }
  }
}
