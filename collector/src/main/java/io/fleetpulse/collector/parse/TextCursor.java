package io.fleetpulse.collector.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the tokens of the Prometheus text format line by line, straight from the body bytes. It
 * knows the syntax of names, label sets, values and timestamps; what they mean is the parser's
 * business. Every error it raises carries the current line number.
 */
final class TextCursor {

  private static final int PREVIEW_LIMIT = 40;
  private static final int END_OF_LINE = -1;
  /** A terminator no byte can match, for text that runs to the end of the line. */
  private static final int UNTIL_LINE_END = 0x100;

  private final byte[] body;
  private final StringTable strings = new StringTable();
  private byte[] scratch = new byte[64];
  private int pos;
  private int lineEnd;
  private int nextLineStart;
  private int line;

  TextCursor(byte[] body) {
    this.body = body;
  }

  /** Moves to the next line; false at the end of the body. */
  boolean nextLine() {
    if (nextLineStart >= body.length) {
      return false;
    }
    pos = nextLineStart;
    int end = pos;
    while (end < body.length && body[end] != '\n') {
      end++;
    }
    nextLineStart = end + 1;
    // Tolerate CRLF line ends from servers that write them.
    lineEnd = end > pos && body[end - 1] == '\r' ? end - 1 : end;
    line++;
    return true;
  }

  int line() {
    return line;
  }

  void skipBlanks() {
    while (pos < lineEnd && (body[pos] == ' ' || body[pos] == '\t')) {
      pos++;
    }
  }

  boolean atLineEnd() {
    return pos >= lineEnd;
  }

  /** The next byte, or END_OF_LINE. */
  int peek() {
    return pos < lineEnd ? body[pos] & 0xff : END_OF_LINE;
  }

  /** Consumes {@code c} if it is next. */
  boolean skip(char c) {
    if (pos < lineEnd && body[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** Consumes {@code word} if it is the whole next token. */
  boolean skipWord(String word) {
    int end = pos + word.length();
    if (end > lineEnd || (end < lineEnd && !isBlank(body[end]))) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (body[pos + i] != word.charAt(i)) {
        return false;
      }
    }
    pos = end;
    return true;
  }

  /** A metric name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, which must end at a blank, '{' or the line end. */
  String readMetricName() throws ExpositionParseException {
    int start = pos;
    if (pos < lineEnd && isNameStart(body[pos], true)) {
      pos++;
      while (pos < lineEnd && isNameChar(body[pos], true)) {
        pos++;
      }
    }
    if (pos == start) {
      throw error("expected a metric name, found " + preview());
    }
    if (pos < lineEnd && !isBlank(body[pos]) && body[pos] != '{') {
      throw error("invalid character " + describe(body[pos]) + " in metric name \""
          + text(start, pos + 1) + "\"");
    }
    return strings.intern(body, start, pos);
  }

  /**
   * A label set {@code {name="value",...}}, with an optional trailing comma, into {@code labels}.
   * Label values may escape {@code \\}, {@code \"} and {@code \n}.
   */
  void readLabels(LabelBuffer labels) throws ExpositionParseException {
    pos++; // the '{'
    while (true) {
      skipBlanks();
      if (skip('}')) {
        return;
      }
      String name = readLabelName();
      if (labels.indexOf(name) != LabelBuffer.ABSENT) {
        throw error("duplicate label \"" + name + "\"");
      }
      skipBlanks();
      if (!skip('=')) {
        throw error("expected '=' after label name \"" + name + "\", found " + preview());
      }
      skipBlanks();
      if (!skip('"')) {
        throw error("expected '\"' to open the value of label \"" + name + "\", found " + preview());
      }
      int rawStart = pos;
      String value = readLabelValue(name);
      labels.add(name, value, rawStart, pos - 1);
      skipBlanks();
      if (!skip(',') && peek() != '}') {
        throw error("expected ',' or '}' after label \"" + name + "\", found " + preview());
      }
    }
  }

  /** The rest of the line as HELP text, which may escape {@code \\} and {@code \n}. */
  String readHelpText() throws ExpositionParseException {
    int start = pos;
    while (pos < lineEnd && body[pos] != '\\') {
      pos++;
    }
    if (pos == lineEnd) {
      return new String(body, start, pos - start, StandardCharsets.UTF_8);
    }
    int length = unescapeUntil(start, UNTIL_LINE_END, null);
    return new String(scratch, 0, length, StandardCharsets.UTF_8);
  }

  /** The next whitespace-delimited token as a float. */
  double readValue(String sampleName) throws ExpositionParseException {
    int start = pos;
    int end = tokenEnd();
    if (end == start) {
      throw error("missing value for sample " + sampleName);
    }
    pos = end;
    return parseFloat(start, end, "value", sampleName);
  }

  /**
   * Parses {@code [from, to)} of the body as a float. The error says "invalid {what} of {owner}";
   * the two are joined only then, as this runs for every sample.
   */
  double parseFloat(int from, int to, String what, String owner) throws ExpositionParseException {
    try {
      return FloatParser.parse(body, from, to);
    } catch (NumberFormatException e) {
      throw error("invalid " + what + " of " + owner + ": \"" + text(from, to) + "\" is not a number");
    }
  }

  /** An optional integer timestamp in milliseconds; null when the line has none. */
  Long readOptionalTimestamp() throws ExpositionParseException {
    skipBlanks();
    int start = pos;
    int end = tokenEnd();
    if (end == start) {
      return null;
    }
    pos = end;
    int digitsStart = body[start] == '-' ? start + 1 : start;
    if (digitsStart == end || end - digitsStart > 18) {
      throw error("invalid timestamp \"" + text(start, end) + "\": expected integer milliseconds");
    }
    long value = 0;
    for (int i = digitsStart; i < end; i++) {
      if (body[i] < '0' || body[i] > '9') {
        throw error("invalid timestamp \"" + text(start, end) + "\": expected integer milliseconds");
      }
      value = value * 10 + (body[i] - '0');
    }
    return digitsStart > start ? -value : value;
  }

  /** Only blanks may remain on the line; the error names "{kind} {name}". */
  void expectLineEnd(String kind, String name) throws ExpositionParseException {
    skipBlanks();
    if (!atLineEnd()) {
      throw error("unexpected " + preview() + " at the end of " + kind + " " + name);
    }
  }

  ExpositionParseException error(String reason) {
    return new ExpositionParseException(line, reason);
  }

  /** The next token (cut short if long), quoted, or "end of line", for error messages. */
  String preview() {
    if (atLineEnd()) {
      return "end of line";
    }
    int end = tokenEnd();
    if (end == pos) {
      end = pos + 1;
    }
    return "\"" + text(pos, Math.min(end, pos + PREVIEW_LIMIT)) + "\"";
  }

  private String readLabelName() throws ExpositionParseException {
    int start = pos;
    if (pos < lineEnd && isNameStart(body[pos], false)) {
      pos++;
      while (pos < lineEnd && isNameChar(body[pos], false)) {
        pos++;
      }
    }
    if (pos == start) {
      throw error("expected a label name, found " + preview());
    }
    return strings.intern(body, start, pos);
  }

  /** Reads up to and including the closing quote; the opening one is already consumed. */
  private String readLabelValue(String labelName) throws ExpositionParseException {
    int start = pos;
    while (pos < lineEnd && body[pos] != '"' && body[pos] != '\\') {
      pos++;
    }
    String value;
    if (pos < lineEnd && body[pos] == '"') {
      value = strings.intern(body, start, pos);
    } else {
      int length = unescapeUntil(start, '"', labelName);
      if (pos >= lineEnd) {
        throw error("unterminated value of label \"" + labelName + "\"");
      }
      value = strings.intern(scratch, 0, length);
    }
    pos++;
    return value;
  }

  /**
   * Copies {@code [start, pos)} into the scratch buffer and goes on up to {@code terminator},
   * undoing escapes; returns the length written. A label value (named by {@code labelName}) may
   * escape {@code \\}, {@code \"} and {@code \n}; HELP text ({@code labelName} null) only
   * {@code \\} and {@code \n}.
   */
  private int unescapeUntil(int start, int terminator, String labelName) throws ExpositionParseException {
    int length = 0;
    for (int i = start; i < pos; i++) {
      putScratch(length++, body[i]);
    }
    for (; pos < lineEnd && body[pos] != terminator; pos++) {
      byte b = body[pos];
      if (b == '\\') {
        pos++;
        b = unescape(pos < lineEnd ? body[pos] & 0xff : END_OF_LINE, labelName);
      }
      putScratch(length++, b);
    }
    return length;
  }

  private byte unescape(int escaped, String labelName) throws ExpositionParseException {
    if (escaped == '\\') {
      return '\\';
    }
    if (escaped == 'n') {
      return '\n';
    }
    if (escaped == '"' && labelName != null) {
      return '"';
    }
    String sequence = escaped == END_OF_LINE ? "\\ at the end of the line" : "\\" + (char) escaped;
    throw error(labelName != null
        ? "invalid escape " + sequence + " in value of label \"" + labelName + "\": only \\\\, \\\" and \\n are allowed"
        : "invalid escape " + sequence + " in HELP text: only \\\\ and \\n are allowed");
  }

  private void putScratch(int index, byte b) {
    if (index == scratch.length) {
      scratch = Arrays.copyOf(scratch, scratch.length * 2);
    }
    scratch[index] = b;
  }

  private int tokenEnd() {
    int end = pos;
    while (end < lineEnd && !isBlank(body[end])) {
      end++;
    }
    return end;
  }

  private String text(int from, int to) {
    return new String(body, from, Math.min(to, lineEnd) - from, StandardCharsets.UTF_8);
  }

  private static String describe(byte b) {
    return b >= 0x21 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  private static boolean isNameStart(byte b, boolean colonAllowed) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || (colonAllowed && b == ':');
  }

  private static boolean isNameChar(byte b, boolean colonAllowed) {
    return isNameStart(b, colonAllowed) || (b >= '0' && b <= '9');
  }
}
