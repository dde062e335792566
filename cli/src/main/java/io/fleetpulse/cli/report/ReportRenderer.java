package io.fleetpulse.cli.report;

/** Writes a report in one format. */
public interface ReportRenderer {

  String render(FleetReport report);

  /** The heading line every format starts with. */
  static String heading(FleetReport report) {
    return "FleetPulse report, "
        + report.scope().label()
        + " scope, "
        + report.range().since()
        + " to "
        + report.range().until();
  }
}
