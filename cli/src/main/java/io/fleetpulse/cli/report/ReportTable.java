package io.fleetpulse.cli.report;

import java.util.List;

/**
 * One section of the report as every format shows it: a titled table, a line saying how its numbers
 * were got, and optionally a chart (drawn only where the format can hold one).
 *
 * @param id the section's name in the CSV's {@code section} column
 * @param note how the numbers were computed, or why there are none
 */
public record ReportTable(
    String id,
    String title,
    String note,
    List<String> columns,
    List<List<String>> rows,
    ReportChart chart) {

  public ReportTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            id + ": row " + row + " does not have the " + columns.size() + " columns " + columns);
      }
    }
  }

  /** The cell of the first row whose leading cells are {@code key}, for tests and lookups. */
  public String cell(String column, String... key) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException(id + " has no column " + column + ": " + columns);
    }
    for (List<String> row : rows) {
      if (row.subList(0, key.length).equals(List.of(key))) {
        return row.get(index);
      }
    }
    throw new IllegalArgumentException(id + " has no row " + List.of(key));
  }
}
