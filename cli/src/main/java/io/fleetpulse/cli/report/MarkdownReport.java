package io.fleetpulse.cli.report;

import java.util.List;

/** The report as Markdown: a heading, then per section its note and a pipe table. */
final class MarkdownReport implements ReportRenderer {

  @Override
  public String render(FleetReport report) {
    StringBuilder out = new StringBuilder("# ").append(ReportRenderer.heading(report)).append("\n");
    for (ReportTable table : report.sections()) {
      out.append("\n## ").append(table.title()).append("\n\n").append(table.note()).append("\n\n");
      if (table.rows().isEmpty()) {
        out.append("No windows in the range.\n");
        continue;
      }
      row(out, table.columns());
      out.append('|').append(" --- |".repeat(table.columns().size())).append('\n');
      table.rows().forEach(row -> row(out, row));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    out.append('|');
    for (String cell : cells) {
      out.append(' ').append(cell.replace("|", "\\|")).append(" |");
    }
    out.append('\n');
  }
}
