package io.fleetpulse.simulator.exposition;

/**
 * Formats values as Rust's {@code Display} for {@code f64} does, which metrics-exporter-prometheus
 * (TGI) uses: the shortest round-trip digits, never an exponent, and no fraction for whole numbers
 * ({@code 3}, not {@code 3.0}).
 */
public final class RustFloatFormat {

  /** Below this every integral double is a long. */
  private static final double LONG_LIMIT = 9e18;

  private RustFloatFormat() {}

  public static String format(double value) {
    StringBuilder out = new StringBuilder(24);
    append(out, value);
    return out.toString();
  }

  public static void append(StringBuilder out, double value) {
    if (Double.isNaN(value)) {
      out.append("NaN");
    } else if (Double.isInfinite(value)) {
      out.append(value > 0 ? "+Inf" : "-Inf");
    } else if (value == Math.rint(value) && Math.abs(value) < LONG_LIMIT) {
      out.append((long) value);
    } else {
      out.append(PythonFloatFormat.shortestRoundTrip(value).toPlainString());
    }
  }
}
