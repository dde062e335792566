package io.fleetpulse.collector.parse;

import java.util.Arrays;

/**
 * Undoes the escapes of label values, HELP text and text 0.0.4's quoted names into a buffer reused
 * for the whole parse. Both formats escape a backslash, a newline and a double quote (which text
 * 0.0.4's HELP text need not escape, but Prometheus' text parser reads {@code \"} there as a
 * quote). OpenMetrics keeps any other escaped character together with its backslash, and a lone
 * backslash ending HELP text; text 0.0.4 refuses other escapes.
 */
final class Unescaper {

  /** A terminator no byte can match, for text that runs to the end of the line. */
  static final int NO_TERMINATOR = 0x100;

  private static final int END_OF_LINE = -1;

  private final boolean openMetrics;
  private byte[] bytes = new byte[64];
  private int length;

  Unescaper(boolean openMetrics) {
    this.openMetrics = openMetrics;
  }

  /**
   * Decodes {@code body} from {@code from} up to the first unescaped {@code terminator}, or up to
   * {@code limit}, and returns where it stopped. {@code subject} says what is decoded, as errors
   * name it ({@code value of label "le"}, {@code quoted metric name}), or is null for HELP text.
   */
  int decode(byte[] body, int from, int limit, int terminator, String subject, TextCursor in)
      throws ExpositionParseException {
    length = 0;
    int pos = from;
    for (; pos < limit && body[pos] != terminator; pos++) {
      byte b = body[pos];
      if (b == '\\') {
        pos++;
        int escaped = pos < limit ? body[pos] & 0xff : END_OF_LINE;
        if (escaped == END_OF_LINE && openMetrics && subject == null) {
          // OpenMetrics' reference parser keeps a HELP text's final lone backslash as written.
          put(b);
          break;
        }
        b = unescape(escaped, subject, in);
        if (b == '\\' && escaped != '\\') {
          // OpenMetrics: an escape it does not define stands for itself, backslash included.
          put(b);
          b = (byte) escaped;
        }
      }
      put(b);
    }
    return pos;
  }

  /** The decoded text of the last {@link #decode}, in {@code [0, length())}. */
  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  /** The character an escape stands for; a backslash alone for an escape kept as written. */
  private byte unescape(int escaped, String subject, TextCursor in)
      throws ExpositionParseException {
    if (escaped == '\\') {
      return '\\';
    }
    if (escaped == 'n') {
      return '\n';
    }
    if (escaped == '"') {
      return '"';
    }
    if (escaped == END_OF_LINE) {
      throw in.error(
          subject != null
              ? "unterminated " + subject
              : "invalid escape: \\ at the end of the HELP text");
    }
    if (openMetrics) {
      return '\\';
    }
    String sequence = "\\" + (char) escaped;
    throw in.error(
        subject != null
            ? "invalid escape "
                + sequence
                + " in "
                + subject
                + ": only \\\\, \\\" and \\n are allowed"
            : "invalid escape " + sequence + " in HELP text: only \\\\, \\\" and \\n are allowed");
  }

  private void put(byte b) {
    if (length == bytes.length) {
      bytes = Arrays.copyOf(bytes, length * 2);
    }
    bytes[length++] = b;
  }
}
