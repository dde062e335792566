package io.fleetpulse.cli.report;

import io.fleetpulse.cli.chart.LineCharts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * The report as one self-contained HTML page: inline style, and each chart a PNG in a data URL, so
 * the file opens anywhere, offline, with nothing fetched.
 */
final class HtmlReport implements ReportRenderer {

  private static final int CHART_WIDTH = 900;
  private static final int CHART_HEIGHT = 360;
  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
          + "th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left}th{background:#eee}"
          + "p.note{color:#555;max-width:60em}";

  @Override
  public String render(FleetReport report) {
    StringBuilder out =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<title>")
            .append(escape(ReportRenderer.heading(report)))
            .append("</title><style>")
            .append(STYLE)
            .append("</style></head><body>\n<h1>")
            .append(escape(ReportRenderer.heading(report)))
            .append("</h1>\n");
    for (ReportTable table : report.sections()) {
      out.append("<section id=\"")
          .append(table.id())
          .append("\"><h2>")
          .append(escape(table.title()))
          .append("</h2><p class=\"note\">")
          .append(escape(table.note()))
          .append("</p>\n");
      if (table.rows().isEmpty()) {
        out.append("<p>No windows in the range.</p></section>\n");
        continue;
      }
      if (table.chart() != null) {
        out.append("<img alt=\"")
            .append(escape(table.chart().title()))
            .append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(png(table.chart())))
            .append("\">\n");
      }
      out.append("<table><tr>");
      table.columns().forEach(c -> out.append("<th>").append(escape(c)).append("</th>"));
      out.append("</tr>\n");
      for (List<String> row : table.rows()) {
        out.append("<tr>");
        row.forEach(c -> out.append("<td>").append(escape(c)).append("</td>"));
        out.append("</tr>\n");
      }
      out.append("</table></section>\n");
    }
    return out.append("</body></html>\n").toString();
  }

  private static byte[] png(ReportChart spec) {
    XYChart chart =
        LineCharts.chart(CHART_WIDTH, CHART_HEIGHT, spec.title(), spec.xTitle(), spec.yTitle());
    List<Double> drawn = new ArrayList<>();
    for (ReportChart.Line line : spec.lines()) {
      drawn.addAll(LineCharts.line(chart, line.name(), line.xs(), line.ys()));
    }
    spec.marks().forEach((label, at) -> LineCharts.marker(chart, label, at, drawn, null));
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw chart " + spec.title(), e);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
