package io.fleetpulse.simulator.exposition;

/**
 * Formats values as Rust's {@code Display} for {@code f64} does, which metrics-exporter-prometheus
 * (TGI) uses: the shortest round-trip digits, never an exponent, and no fraction for whole numbers
 * ({@code 3}, not {@code 3.0}).
 */
public final class RustFloatFormat {

  /** Below this every integral double is a long. */
  private static final double LONG_LIMIT = 9e18;

  private static final PrometheusFloatText TEXT =
      new PrometheusFloatText(
          LONG_LIMIT,
          (out, value) -> out.append((long) value),
          (out, value) -> out.append(PythonFloatFormat.shortestRoundTrip(value).toPlainString()));

  private RustFloatFormat() {}

  public static String format(double value) {
    return TEXT.format(value);
  }

  public static void append(StringBuilder out, double value) {
    TEXT.append(out, value);
  }
}
