package io.fleetpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bench-scaleout} with two streams instances on its in-process 3-broker cluster, read from
 * its own Markdown: the two split the scrapes partitions between them, each takes in scrapes, and
 * every fleet window of the checked span came once with exactly the tokens the backlog holds.
 * (ScaleOutFaultsIT proves the split under faults; this proves what the bench reports.)
 */
class ScaleOutBenchIT {

  private static final Pattern MEASUREMENT =
      Pattern.compile("^\\| 2 \\| [0-9.]+ s \\| .* \\| (\\d+) of (\\d+) \\| .*, equal \\|$");
  private static final Pattern INSTANCE =
      Pattern.compile("^\\| 2 \\| (i\\d) \\| ([0-9, ]+) \\| ([0-9,]+) \\| [0-9.]+ \\|$");

  @Test
  void twoInstancesSplitThePartitionsAndTogetherDrainTheBacklogExactly() {
    long started = System.currentTimeMillis();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    CommandLine command = new CommandLine(new ScaleOutBenchCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit =
        command.execute(
            "--nodes", "40", "--clusters", "2", "--duration", "50s", "--instances", "2");

    String summary = out.toString();
    System.out.println(summary);
    assertEquals(0, exit, summary + err);
    List<String> lines = summary.lines().toList();
    assertTrue(
        lines.stream().anyMatch(line -> MEASUREMENT.matcher(line).matches()),
        "a row for 2 instances with every window once and the tokens equal:\n" + summary);
    Set<Integer> held = new HashSet<>();
    List<String> instances = new ArrayList<>();
    long scrapesIn = 0;
    for (String line : lines) {
      Matcher row = INSTANCE.matcher(line);
      if (row.matches()) {
        instances.add(row.group(1));
        List<Integer> partitions =
            List.of(row.group(2).split(", ")).stream().map(Integer::parseInt).toList();
        assertFalse(partitions.isEmpty(), line);
        for (int partition : partitions) {
          assertTrue(held.add(partition), "partition " + partition + " held twice:\n" + summary);
        }
        long in = Long.parseLong(row.group(3).replace(",", ""));
        assertTrue(in > 0, row.group(1) + " should have taken in scrapes:\n" + summary);
        scrapesIn += in;
      }
    }
    assertEquals(List.of("i1", "i2"), instances, summary);
    assertEquals(Set.of(0, 1, 2, 3, 4, 5), held, "the 6 partitions between them:\n" + summary);
    Matcher backlog = Pattern.compile("Backlog: ([0-9,]+) scrapes").matcher(summary);
    assertTrue(backlog.find(), summary);
    assertTrue(
        scrapesIn >= Long.parseLong(backlog.group(1).replace(",", "")),
        "every scrape of the backlog taken in:\n" + summary);
    System.out.printf("ScaleOutBenchIT took %d s%n", (System.currentTimeMillis() - started) / 1000);
  }
}
