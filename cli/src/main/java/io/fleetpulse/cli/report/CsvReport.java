package io.fleetpulse.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as CSV (RFC 4180): one block a section, each with its own header row, separated by a
 * blank line; every row starts with the section's id in a {@code section} column, so a spreadsheet
 * can filter one section out of the whole file.
 */
final class CsvReport implements ReportRenderer {

  @Override
  public String render(FleetReport report) {
    StringBuilder out = new StringBuilder();
    for (ReportTable table : report.sections()) {
      if (!out.isEmpty()) {
        out.append("\r\n");
      }
      List<String> header = new ArrayList<>(List.of("section"));
      header.addAll(table.columns());
      row(out, header);
      for (List<String> cells : table.rows()) {
        List<String> row = new ArrayList<>(List.of(table.id()));
        row.addAll(cells);
        row(out, row);
      }
    }
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(cells.get(i)));
    }
    out.append("\r\n");
  }

  private static String field(String cell) {
    boolean quoted = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0;
    return quoted ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
  }
}
