package io.fleetpulse.simulator.exposition;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats sample values the way Python's prometheus_client does ({@code floatToGoString}): Python's
 * shortest round-trip {@code repr}, except that positive values with seven or more integer digits
 * switch to a Go-style exponent ({@code 1194695.0} becomes {@code 1.194695e+06}). The exponent is
 * written as {@code "e+0" + n}, so from 1e10 on it reads {@code e+010}: a quirk of the original
 * that real vLLM endpoints show, kept so parsers meet it here first.
 */
public final class PythonFloatFormat {

  private static final int GO_EXPONENT_MIN_INTEGER_DIGITS = 7;

  /**
   * Below this magnitude every integral double is a long and Python's repr prints it in fixed
   * notation.
   */
  private static final double FIXED_NOTATION_LIMIT = 1e16;

  private static final PrometheusFloatText TEXT =
      new PrometheusFloatText(
          FIXED_NOTATION_LIMIT,
          PythonFloatFormat::appendIntegral,
          (out, value) -> appendGoStyle(out, pythonRepr(value), value));

  private PythonFloatFormat() {}

  public static String format(double value) {
    return TEXT.format(value);
  }

  public static void append(StringBuilder out, double value) {
    TEXT.append(out, value);
  }

  /**
   * Counts and token totals take this path on every scrape, so it avoids BigDecimal and temporary
   * strings.
   */
  private static void appendIntegral(StringBuilder out, double value) {
    if (value == 0 && Double.doubleToRawLongBits(value) != 0) {
      out.append("-0.0");
      return;
    }
    long integral = (long) value;
    int start = out.length();
    out.append(integral);
    int digits = out.length() - start;
    if (integral <= 0 || digits < GO_EXPONENT_MIN_INTEGER_DIGITS) {
      out.append(".0");
      return;
    }
    int lastKept = out.length() - 1;
    while (lastKept > start && out.charAt(lastKept) == '0') {
      lastKept--;
    }
    out.setLength(lastKept + 1);
    if (lastKept > start) {
      out.insert(start + 1, '.');
    }
    out.append("e+0").append(digits - 1);
  }

  private static void appendGoStyle(StringBuilder out, String repr, double value) {
    int dot = repr.indexOf('.');
    if (value <= 0 || dot < GO_EXPONENT_MIN_INTEGER_DIGITS) {
      out.append(repr);
      return;
    }
    String mantissa = repr.charAt(0) + "." + repr.substring(1, dot) + repr.substring(dot + 1);
    out.append(stripTrailingZerosAndDots(mantissa)).append("e+0").append(dot - 1);
  }

  /** Python's {@code str.rstrip('0.')}. */
  private static String stripTrailingZerosAndDots(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '0' || text.charAt(end - 1) == '.')) {
      end--;
    }
    return text.substring(0, end);
  }

  /** Python's {@code repr(float)}: the shortest decimal that reads back as the same double. */
  static String pythonRepr(double value) {
    BigDecimal shortest = shortestRoundTrip(value);
    String digits = shortest.unscaledValue().abs().toString();
    int pointPosition = digits.length() - shortest.scale();
    StringBuilder out = new StringBuilder(32);
    if (value < 0) {
      out.append('-');
    }
    if (pointPosition <= -4 || pointPosition > 16) {
      appendScientific(out, digits, pointPosition - 1);
    } else {
      appendFixed(out, digits, pointPosition);
    }
    return out.toString();
  }

  /**
   * The shortest decimal that reads back as {@code value}, trailing zeros stripped. Java 17's
   * {@code Double.toString} always reads back but can carry a digit more than needed, so digits are
   * dropped while the value still reads back: one or two roundings where counting up from one digit
   * took sixteen.
   */
  static BigDecimal shortestRoundTrip(double value) {
    BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    BigDecimal exact = new BigDecimal(value);
    for (int precision = shortest.precision() - 1; precision >= 1; precision--) {
      BigDecimal shorter = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (shorter.doubleValue() != value) {
        break;
      }
      shortest = shorter.stripTrailingZeros();
    }
    return shortest;
  }

  private static void appendScientific(StringBuilder out, String digits, int exponent) {
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    if (magnitude < 10) {
      out.append('0');
    }
    out.append(magnitude);
  }

  private static void appendFixed(StringBuilder out, String digits, int pointPosition) {
    if (pointPosition <= 0) {
      out.append("0.");
      out.append("0".repeat(-pointPosition));
      out.append(digits);
    } else if (pointPosition >= digits.length()) {
      out.append(digits);
      out.append("0".repeat(pointPosition - digits.length()));
      out.append(".0");
    } else {
      out.append(digits, 0, pointPosition)
          .append('.')
          .append(digits, pointPosition, digits.length());
    }
  }
}
