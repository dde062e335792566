package io.fleetpulse.cli.report;

/** The formats of {@code --format}: Markdown for people, CSV for spreadsheets, HTML with charts. */
public enum ReportFormat {
  md(new MarkdownReport()),
  csv(new CsvReport()),
  html(new HtmlReport());

  private final ReportRenderer renderer;

  ReportFormat(ReportRenderer renderer) {
    this.renderer = renderer;
  }

  public ReportRenderer renderer() {
    return renderer;
  }
}
