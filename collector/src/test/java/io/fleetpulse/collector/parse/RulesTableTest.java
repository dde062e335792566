package io.fleetpulse.collector.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table of changed rules (the first table of exposition/RULES.md) names only corpus cases that
 * exist, so it stays true.
 */
class RulesTableTest {

  @Test
  void everyRuleNamesCasesThatExist() throws IOException, URISyntaxException {
    Path corpus = Path.of(RulesTableTest.class.getResource("/exposition").toURI());
    List<String> rows =
        Files.readAllLines(corpus.resolve("RULES.md")).stream()
            .takeWhile(line -> !line.startsWith("## "))
            .filter(
                line ->
                    line.startsWith("| ")
                        && !line.startsWith("| rule")
                        && !line.startsWith("| ---"))
            .toList();
    assertTrue(rows.size() >= 20, "only " + rows.size() + " rules");
    for (String row : rows) {
      String[] cells = row.split(" \\| ");
      String cases = cells[cells.length - 1].replace("|", "").strip();
      assertTrue(!cases.isEmpty(), () -> "no case for: " + row);
      Arrays.stream(cases.split(", "))
          .forEach(
              name ->
                  assertTrue(
                      Files.exists(corpus.resolve(name + ".txt")),
                      () -> "no corpus case " + name + " for: " + row));
    }
  }
}
