package io.fleetpulse.collector.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes written as Prometheus' {@code body_size_limit} takes them: {@code 0} or a whole number with
 * a unit, where KB and KiB alike mean 1024 bytes (so do MB and MiB, GB and GiB, TB and TiB).
 */
public final class ByteSize {

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]i?)?B");
  private static final String UNITS = "KMGT";

  private ByteSize() {}

  /** The number of bytes {@code text} stands for; 0 means "no limit" to the options that use it. */
  public static long parse(String text, String what) {
    if (text.equals("0")) {
      return 0;
    }
    Matcher size = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT).replace("IB", "iB"));
    if (!size.matches()) {
      throw new IllegalArgumentException(
          what + " \"" + text + "\" is not a size such as 512KB, 10MB or 1GiB");
    }
    long bytes;
    try {
      bytes = Long.parseLong(size.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " \"" + text + "\" is too large", e);
    }
    int power = size.group(2) == null ? 0 : UNITS.indexOf(size.group(2).charAt(0)) + 1;
    if (Long.numberOfLeadingZeros(bytes) <= 10 * power) {
      throw new IllegalArgumentException(what + " \"" + text + "\" is too large");
    }
    return bytes << (10 * power);
  }
}
