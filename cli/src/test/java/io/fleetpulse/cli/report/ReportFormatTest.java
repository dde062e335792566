package io.fleetpulse.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.contract.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

  private static final int SECTIONS = 7;
  private static FleetReport report;

  @BeforeAll
  static void week() {
    ReportAccumulator accumulator =
        new ReportAccumulator(
            new ReportRange(SimulatedWeek.START.toEpochMilli(), SimulatedWeek.END.toEpochMilli()),
            Scope.MODEL,
            0.9);
    SimulatedWeek.forEachWindow(false, accumulator::accept);
    SimulatedWeek.signals().forEach(accumulator::accept);
    report = accumulator.report();
  }

  @Test
  void markdownHasEverySectionAsATableWithItsNote() {
    String md = ReportFormat.md.renderer().render(report);
    assertTrue(
        md.startsWith(
            "# FleetPulse report, model scope, 2026-11-23T00:00:00Z to 2026-11-30T00:00:00Z\n"),
        md);
    assertEquals(SECTIONS, md.split("\n## ", -1).length - 1);
    assertTrue(
        md.contains(
            "| model/llama-8b | 2026-11-23 | "
                + String.format("%.0f", SimulatedWeek.dayTokens(SimulatedWeek.LLAMA, 0))
                + " | "),
        md);
    assertTrue(md.contains("| model/llama-8b | 420 | 10080 |"), md);
    assertTrue(md.contains("at least 0.90 (--kv-threshold)"), md);
    assertTrue(md.contains("| kv_cache_saturation | model/llama-8b | "), md);
  }

  @Test
  void csvIsOneBlockASectionEachRowNamingItsSection() {
    String csv = ReportFormat.csv.renderer().render(report);
    String[] blocks = csv.split("\r\n\r\n");
    assertEquals(SECTIONS, blocks.length);
    List<String> ids = new ArrayList<>();
    for (String block : blocks) {
      String[] lines = block.split("\r\n");
      assertTrue(lines[0].startsWith("section,"), lines[0]);
      int columns = fields(lines[0]).size();
      String id = fields(lines[1]).get(0);
      ids.add(id);
      for (String line : Arrays.asList(lines).subList(1, lines.length)) {
        List<String> row = fields(line);
        assertEquals(columns, row.size(), line);
        assertEquals(id, row.get(0), line);
      }
    }
    assertEquals(
        List.of(
            "daily_tokens",
            "throughput",
            "daily_latency",
            "kv_saturation",
            "node_hours",
            "capacity",
            "signals"),
        ids);
    assertTrue(
        csv.contains(
            "daily_tokens,model/qwen-32b,2026-11-29,"
                + String.format("%.0f", SimulatedWeek.dayTokens(SimulatedWeek.QWEN, 6))
                + ","),
        csv);
    // The capacity verdict has commas: quoted, it stays one field.
    assertTrue(csv.contains(",\"not enough data: p99 queue time stays under"), csv);
  }

  @Test
  void htmlIsSelfContainedWithItsChartsAsEmbeddedPngs() {
    String html = ReportFormat.html.renderer().render(report);
    assertFalse(html.contains("://"), "no external URL");
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.contains("<link"), "no linked stylesheet");
    assertEquals(SECTIONS, html.split("<section ", -1).length - 1);
    Matcher images =
        Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    int charts = 0;
    while (images.find()) {
      byte[] png = Base64.getDecoder().decode(images.group(1));
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG");
      charts++;
    }
    assertEquals(2, charts, "tokens per day and the capacity curve");
    assertTrue(html.contains("<td>knee found</td>"), "the capacity table");
  }

  /** The fields of one CSV line, quotes undone. */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
