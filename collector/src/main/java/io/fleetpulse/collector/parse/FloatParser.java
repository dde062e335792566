package io.fleetpulse.collector.parse;

import java.nio.charset.StandardCharsets;

/**
 * Parses exposition floats straight from the body bytes: Go's ParseFloat syntax as Prometheus
 * accepts it (decimal with optional exponent, {@code NaN}, {@code Inf}/{@code +Inf}/{@code -Inf}).
 * Most engine values have few digits, so they are computed exactly without building a String; the
 * rest go through {@link Double#parseDouble} after the syntax has been checked here, which also
 * keeps Java-only forms such as {@code 1d} or {@code 0x1p3} out.
 */
final class FloatParser {

  /**
   * Up to 15 decimal digits fit a double's 53-bit mantissa exactly; longer numbers may take the
   * slow path.
   */
  static final int EXACT_DIGITS = 15;

  /** Powers of ten that are exact doubles; an exact mantissa times or over one rounds once. */
  private static final double[] EXACT_POWERS = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private FloatParser() {}

  /**
   * @throws NumberFormatException when {@code bytes[from, to)} is not a float
   */
  static double parse(byte[] bytes, int from, int to) {
    int pos = from;
    boolean negative = false;
    if (pos < to && (bytes[pos] == '+' || bytes[pos] == '-')) {
      negative = bytes[pos] == '-';
      pos++;
    }
    if (pos < to && isLetter(bytes[pos])) {
      return special(bytes, from, pos, to, negative);
    }
    long mantissa = 0;
    int significantDigits = 0;
    int digits = 0;
    int decimalExponent = 0;
    boolean inFraction = false;
    for (; pos < to; pos++) {
      byte b = bytes[pos];
      if (b >= '0' && b <= '9') {
        digits++;
        if (significantDigits > 0 || b != '0') {
          significantDigits++;
          // Digits past 18 would overflow the long; such values take the slow path anyway.
          if (significantDigits <= 18) {
            mantissa = mantissa * 10 + (b - '0');
            if (inFraction) {
              decimalExponent--;
            }
          }
        } else if (inFraction) {
          decimalExponent--;
        }
      } else if (b == '.' && !inFraction) {
        inFraction = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      throw invalid(bytes, from, to);
    }
    if (pos < to) {
      if (bytes[pos] != 'e' && bytes[pos] != 'E') {
        throw invalid(bytes, from, to);
      }
      requireExponentDigits(bytes, from, pos + 1, to);
      decimalExponent += exponent(bytes, from, to);
    }
    if (mantissa == 0) {
      return negative ? -0.0 : 0.0;
    }
    if (significantDigits <= EXACT_DIGITS && Math.abs(decimalExponent) < EXACT_POWERS.length) {
      double value =
          decimalExponent >= 0
              ? mantissa * EXACT_POWERS[decimalExponent]
              : mantissa / EXACT_POWERS[-decimalExponent];
      return negative ? -value : value;
    }
    return Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
  }

  /** The exponent after 'e' is an optional sign and digits up to the end of the token. */
  private static void requireExponentDigits(byte[] bytes, int from, int pos, int to) {
    if (pos < to && (bytes[pos] == '+' || bytes[pos] == '-')) {
      pos++;
    }
    int start = pos;
    while (pos < to && bytes[pos] >= '0' && bytes[pos] <= '9') {
      pos++;
    }
    if (pos == start || pos != to) {
      throw invalid(bytes, from, to);
    }
  }

  /** The exponent's value, saturated so absurd exponents still mean "overflow" or "zero". */
  private static int exponent(byte[] bytes, int from, int to) {
    int pos = to - 1;
    while (bytes[pos] >= '0' && bytes[pos] <= '9') {
      pos--;
    }
    boolean negative = bytes[pos] == '-';
    int value = 0;
    for (int i = pos + 1; i < to; i++) {
      value = Math.min(value * 10 + (bytes[i] - '0'), 100_000);
    }
    return negative ? -value : value;
  }

  private static double special(byte[] bytes, int from, int pos, int to, boolean negative) {
    boolean signed = pos > from;
    if (matches(bytes, pos, to, "inf") || matches(bytes, pos, to, "infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!signed && matches(bytes, pos, to, "nan")) {
      return Double.NaN;
    }
    throw invalid(bytes, from, to);
  }

  private static boolean matches(byte[] bytes, int pos, int to, String lowerCase) {
    if (to - pos != lowerCase.length()) {
      return false;
    }
    for (int i = 0; i < lowerCase.length(); i++) {
      if ((bytes[pos + i] | 0x20) != lowerCase.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(byte b) {
    int lower = b | 0x20;
    return lower >= 'a' && lower <= 'z';
  }

  private static NumberFormatException invalid(byte[] bytes, int from, int to) {
    return new NumberFormatException(
        "not a float: \"" + new String(bytes, from, to - from, StandardCharsets.UTF_8) + "\"");
  }
}
