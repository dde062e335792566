package io.fleetpulse.simulator.exposition;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats values as a C++ ostream does by default (precision 6, like {@code printf("%g")}), which
 * llama-server streams its /metrics with: six significant digits, trailing zeros dropped, and an
 * exponent below 1e-4 or from 1e6 on ({@code 1.23457e+06}), so big counters lose precision exactly
 * as the real server's do.
 */
public final class CFloatFormat {

  private static final int PRECISION = 6;
  private static final MathContext SIX_DIGITS = new MathContext(PRECISION, RoundingMode.HALF_EVEN);

  private CFloatFormat() {}

  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return Double.doubleToRawLongBits(value) == 0 ? "0" : "-0";
    }
    BigDecimal rounded = new BigDecimal(value).round(SIX_DIGITS);
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= PRECISION) {
      BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
      String sign = exponent < 0 ? "-" : "+";
      int magnitude = Math.abs(exponent);
      return mantissa.toPlainString() + "e" + sign + (magnitude < 10 ? "0" : "") + magnitude;
    }
    return rounded.stripTrailingZeros().toPlainString();
  }
}
