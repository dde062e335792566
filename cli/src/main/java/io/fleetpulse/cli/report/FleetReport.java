package io.fleetpulse.cli.report;

import io.fleetpulse.schemas.contract.Scope;
import java.util.List;

/** The finished report, ready for any renderer: its range and scope, and its sections in order. */
public record FleetReport(ReportRange range, Scope scope, List<ReportTable> sections) {

  public FleetReport {
    sections = List.copyOf(sections);
  }

  public ReportTable section(String id) {
    return sections.stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no section " + id));
  }
}
