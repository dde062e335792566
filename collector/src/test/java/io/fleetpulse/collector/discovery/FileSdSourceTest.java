package io.fleetpulse.collector.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.collector.config.FileSdConfig;
import io.fleetpulse.collector.config.StaticConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSdSourceTest {

  @TempDir Path dir;

  private final List<List<StaticConfig>> updates = new ArrayList<>();

  private FileSdSource source(String... patterns) {
    List<String> files = new ArrayList<>();
    for (String pattern : patterns) {
      files.add(dir.resolve(pattern).toString());
    }
    return new FileSdSource("vllm", new FileSdConfig(files, null), updates::add);
  }

  private static StaticConfig group(String target, String cluster) {
    return new StaticConfig(List.of(target), Map.of("cluster", cluster));
  }

  private void write(String name, String content) throws Exception {
    Files.writeString(dir.resolve(name), content);
  }

  @Test
  void groupsOfEveryMatchingFileInNameOrder() throws Exception {
    write("b.json", "[{\"targets\": [\"b:1\"], \"labels\": {\"cluster\": \"b\"}}]");
    write("a.yaml", "- targets: [a:1]\n  labels: {cluster: a}\n");
    write("ignored.txt", "not a target file");
    write("c.yml", "- targets: [c:1]\n  labels: {cluster: c}\n");
    FileSdSource source = source("*.json", "a.yaml");

    source.refresh(0);

    assertEquals(List.of(List.of(group("a:1", "a"), group("b:1", "b"))), updates);
  }

  @Test
  void aBrokenFileKeepsItsLastGoodGroupsUntilItIsValidAgain() throws Exception {
    write("t.json", "[{\"targets\": [\"h:1\"], \"labels\": {\"cluster\": \"x\"}}]");
    write("u.json", "[{\"targets\": [\"u:1\"], \"labels\": {\"cluster\": \"x\"}}]");
    FileSdSource source = source("*.json");
    source.refresh(0);

    write("t.json", "[{\"targets\": [\"h:1\"");
    write("u.json", "[{\"targets\": [\"u:2\"], \"labels\": {\"cluster\": \"x\"}}]");
    source.refresh(1);
    write("t.json", "[{\"targets\": [\"h:2\"], \"labels\": {\"cluster\": \"x\"}}]");
    source.refresh(2);

    assertEquals(
        List.of(
            List.of(group("h:1", "x"), group("u:1", "x")),
            List.of(group("h:1", "x"), group("u:2", "x")),
            List.of(group("h:2", "x"), group("u:2", "x"))),
        updates);
  }

  @Test
  void aFileThatIsGoneTakesItsGroupsAndOnlyChangesAreReported() throws Exception {
    write("t.json", "[{\"targets\": [\"h:1\"], \"labels\": {\"cluster\": \"x\"}}]");
    FileSdSource source = source("*.json");
    source.refresh(0);
    source.refresh(1);
    Files.delete(dir.resolve("t.json"));
    source.refresh(2);

    assertEquals(List.of(List.of(group("h:1", "x")), List.of()), updates);
  }

  @Test
  void aMissingDirectoryHasNoTargetsYet() {
    FileSdSource source =
        new FileSdSource(
            "vllm",
            new FileSdConfig(List.of(dir.resolve("later/*.json").toString()), null),
            updates::add);
    source.refresh(0);

    assertEquals(List.of(List.of()), updates);
    assertEquals(Set.of(dir.resolve("later")), source.directories());
  }

  @Test
  void refreshesAgainAfterItsInterval() throws Exception {
    FileSdSource source =
        new FileSdSource(
            "vllm",
            new FileSdConfig(List.of(dir.resolve("*.json").toString()), Duration.ofSeconds(30)),
            updates::add);
    source.refresh(1_000);

    assertEquals(1_000 + 30_000_000_000L, source.nextRefreshNanos());
  }
}
