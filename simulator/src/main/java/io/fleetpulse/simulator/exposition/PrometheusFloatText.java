package io.fleetpulse.simulator.exposition;

/**
 * The frame of the engine number formats whose exporters spell non-finite values as Prometheus' Go
 * parser expects ({@code NaN}, {@code +Inf}, {@code -Inf}) and print whole numbers from a long,
 * which spares the counters every scrape renders a BigDecimal: only the digits differ.
 *
 * @param wholeBelow the magnitude from which whole numbers take {@code other}'s digits too
 * @param whole the digits of a whole number below {@code wholeBelow}, which fits a long
 * @param other the digits of every other finite value
 */
record PrometheusFloatText(double wholeBelow, Digits whole, Digits other) {

  /** An engine's own digits of a finite value. */
  @FunctionalInterface
  interface Digits {
    void append(StringBuilder out, double value);
  }

  String format(double value) {
    StringBuilder out = new StringBuilder(24);
    append(out, value);
    return out.toString();
  }

  void append(StringBuilder out, double value) {
    if (Double.isNaN(value)) {
      out.append("NaN");
    } else if (Double.isInfinite(value)) {
      out.append(value > 0 ? "+Inf" : "-Inf");
    } else if (value == Math.rint(value) && Math.abs(value) < wholeBelow) {
      whole.append(out, value);
    } else {
      other.append(out, value);
    }
  }
}
