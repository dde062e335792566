package io.fleetpulse.collector.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleetpulse.collector.config.StaticConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetFileTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private String error(String name, String content) throws Exception {
    Path file = write(name, content);
    return assertThrows(InvalidTargetFileException.class, () -> TargetFile.read(file)).getMessage();
  }

  @Test
  void readsJsonGroupsAsPrometheusWritesThem() throws Exception {
    Path file =
        write(
            "targets.json",
            """
        [
          {"targets": ["10.0.0.1:8000", "10.0.0.2:8000"], "labels": {"cluster": "us-east", "model": "llama"}},
          {"targets": ["10.0.1.1:8000"]}
        ]
        """);

    assertEquals(
        List.of(
            new StaticConfig(
                List.of("10.0.0.1:8000", "10.0.0.2:8000"),
                Map.of("cluster", "us-east", "model", "llama")),
            new StaticConfig(List.of("10.0.1.1:8000"), Map.of())),
        TargetFile.read(file));
  }

  @Test
  void readsYamlGroupsAndTakesScalarLabelValuesAsText() throws Exception {
    Path file =
        write(
            "targets.yaml",
            """
        - targets: [node-a:8080]
          labels:
            cluster: eu-west
            gpu_count: 8
        """);

    assertEquals(
        List.of(
            new StaticConfig(
                List.of("node-a:8080"), Map.of("cluster", "eu-west", "gpu_count", "8"))),
        TargetFile.read(file));
  }

  @Test
  void anEmptyFileHasNoGroups() throws Exception {
    assertEquals(List.of(), TargetFile.read(write("empty.yml", "")));
    assertEquals(List.of(), TargetFile.read(write("empty.json", "[]")));
  }

  @Test
  void mistakesAreNamedWithTheGroupOrLine() throws Exception {
    assertEquals(
        "group 1: target \"10.0.0.1\" is not host:port (IPv6 hosts in brackets)",
        error("a.json", "[{\"targets\": [\"h:1\"]}, {\"targets\": [\"10.0.0.1\"]}]"));
    assertEquals(
        "group 0: unknown key \"target\" (expected targets and labels)",
        error("b.json", "[{\"target\": [\"h:1\"]}]"));
    assertEquals("not a list of target groups", error("c.yml", "targets: [h:1]"));
    assertEquals(
        "group 0: label name \"bad-name\" is not a valid label name",
        error("d.yml", "- targets: [h:1]\n  labels: {bad-name: x}"));
    assertEquals("group 0: targets is not a list", error("e.json", "[{\"targets\": \"h:1\"}]"));
    String syntax = error("f.json", "[{\"targets\": [\"h:1\"]");
    assertEquals(true, syntax.startsWith("line 1, column "), syntax);
  }
}
