package io.fleetpulse.collector.parse;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the tokens of an exposition line by line, straight from the body bytes. It knows the syntax
 * of names, label sets, values and timestamps in both formats; what they mean is the parsers'
 * business. Text 0.0.4 allows runs of blanks and tabs between tokens, blanks inside label sets, a
 * trailing comma and CRLF line ends; OpenMetrics allows exactly one space where its grammar has one
 * and nothing else. Every error it raises carries the current line number.
 */
final class TextCursor {

  private static final int PREVIEW_LIMIT = 40;
  private static final String METRIC_NAME_LABEL = "__name__";
  private static final int END_OF_LINE = -1;
  private static final double MAX_TIMESTAMP_SECONDS = Long.MAX_VALUE / 1000.0;

  private final byte[] body;
  private final boolean openMetrics;
  private final StringTable strings;
  private final PreviousLine previous = new PreviousLine();

  /** The numbers that {@code le} and {@code quantile} values repeat, by their interned text. */
  private final Map<String, Double> labelNumbers = new HashMap<>();

  private final Unescaper unescaper;
  private int pos;
  private int lineEnd;
  private int nextLineStart;
  private int line;

  TextCursor(byte[] body, ExpositionFormat format) {
    this.body = body;
    this.strings = new StringTable(body);
    this.openMetrics = format == ExpositionFormat.OPENMETRICS_TEXT;
    this.unescaper = new Unescaper(openMetrics);
  }

  /** Moves to the next line; false at the end of the body. */
  boolean nextLine() throws ExpositionParseException {
    if (nextLineStart >= body.length) {
      return false;
    }
    pos = nextLineStart;
    int end = ByteScan.indexOfNewline(body, pos);
    nextLineStart = end + 1;
    line++;
    lineEnd = end;
    if (end > pos && body[end - 1] == '\r') {
      if (openMetrics) {
        throw error(
            "carriage return at the end of the line (OpenMetrics lines end with \\n alone)");
      }
      // Tolerate CRLF line ends from servers that write them.
      lineEnd = end - 1;
    }
    return true;
  }

  int line() {
    return line;
  }

  /** Whether the body ends in a line with more than blanks on it but no line feed after it. */
  boolean lastLineUnterminated() {
    int end = body.length;
    if (end == 0 || body[end - 1] == '\n') {
      return false;
    }
    for (int i = end - 1; i >= 0 && body[i] != '\n'; i--) {
      if (!isBlank(body[i])) {
        return true;
      }
    }
    return false;
  }

  void skipBlanks() {
    while (pos < lineEnd && isBlank(body[pos])) {
      pos++;
    }
  }

  /**
   * The one space OpenMetrics puts between tokens; {@code where} completes "expected a space ...".
   */
  void expectSpace(String where) throws ExpositionParseException {
    expectSpace(where, null);
  }

  /**
   * The one space OpenMetrics puts between tokens; the error says "expected a space {where}
   * {subject}", joined only then, as this runs several times per sample.
   */
  void expectSpace(String where, String subject) throws ExpositionParseException {
    if (pos >= lineEnd || body[pos] != ' ') {
      throw error(
          "expected a space "
              + where
              + (subject == null ? "" : " " + subject)
              + ", found "
              + preview());
    }
    pos++;
    if (pos == lineEnd) {
      throw error("unexpected space at the end of the line");
    }
    if (isBlank(body[pos])) {
      throw error(
          "expected a single space "
              + where
              + (subject == null ? "" : " " + subject)
              + ", found "
              + describe(body[pos])
              + " after it");
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

  /**
   * Text 0.0.4: the family name of a HELP or TYPE line, a metric name or a quoted one ({@link
   * #readQuotedName}), which must end at a blank or the line end.
   */
  String readFamilyName() throws ExpositionParseException {
    if (peek() != '"') {
      return readMetricName();
    }
    String name = readQuotedName("metric name");
    if (!atLineEnd() && !isBlank(body[pos])) {
      throw error(
          "expected a blank after the quoted metric name \"" + name + "\", found " + preview());
    }
    return name;
  }

  /**
   * A metric name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, which must end at a blank, '{' or the line
   * end.
   */
  String readMetricName() throws ExpositionParseException {
    int start = pos;
    int repeated = previous.repeatLength(body, start, lineEnd, PreviousLine.NAME);
    if (repeated > 0) {
      int end = start + repeated;
      if (end == lineEnd || isBlank(body[end]) || body[end] == '{') {
        pos = end;
        return previous.string(PreviousLine.NAME);
      }
    }
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
      throw error(
          "invalid character "
              + describe(body[pos])
              + " in metric name \""
              + text(start, pos + 1)
              + "\"");
    }
    String name = strings.intern(body, start, pos);
    previous.remember(PreviousLine.NAME, start, pos - start, name);
    return name;
  }

  /**
   * Text 0.0.4: a label set into {@code labels}, the cursor on its '{'. Blanks may surround its
   * tokens, the commas between labels may be left out, and a comma may end it. Label names may be
   * quoted, and a quoted string with no '=' after it is the metric name, as in {@code
   * {"http.status",code="200"}}: Prometheus 3 writes names so when the legacy character set cannot
   * spell them. Returns the metric name: {@code metricName}, the one written before the '{' (null
   * if none), or the one found inside; null if neither.
   */
  String readTextLabels(LabelBuffer labels, String metricName) throws ExpositionParseException {
    pos++; // the '{'
    String name = metricName;
    while (true) {
      skipBlanks();
      if (skip('}')) {
        return name;
      }
      String last;
      boolean labelRead = true;
      if (peek() == '"') {
        String quoted = readQuotedName("name");
        skipBlanks();
        if (peek() == '=') {
          addLabel(labels, quoted, PreviousLine.labelPlace(labels.size()), true);
          last = "label \"" + quoted + "\"";
        } else if (name != null) {
          throw error("a second metric name \"" + quoted + "\" in the labels of " + name);
        } else {
          name = quoted;
          last = "metric name \"" + quoted + "\"";
          labelRead = false;
        }
      } else {
        readLabel(labels, true);
        last = "label \"" + labels.name(labels.size() - 1) + "\"";
      }
      skipBlanks();
      // The comma after a label may be left out: Prometheus' own text parser (promparse, which
      // the server scrapes with) reads {a="1" b="2"} as two labels. A quoted metric name still
      // needs its comma, as in promparse.
      if (!skip(',') && peek() != '}' && !(labelRead && startsLabel())) {
        throw error("expected ',' or '}' after " + last + ", found " + preview());
      }
    }
  }

  /**
   * OpenMetrics: a label set {@code {name="value",...}} into {@code labels}, the cursor on its '{';
   * no blanks and no trailing comma, as in {@code {a="1",b="2"}} or {@code {}}. Values are
   * unescaped as {@link Unescaper} says.
   */
  void readLabels(LabelBuffer labels) throws ExpositionParseException {
    pos++; // the '{'
    if (skip('}')) {
      return;
    }
    while (true) {
      readLabel(labels, false);
      if (skip('}')) {
        return;
      }
      if (!skip(',')) {
        throw error(
            "expected ',' or '}' after label \""
                + labels.name(labels.size() - 1)
                + "\", found "
                + preview());
      }
    }
  }

  private void readLabel(LabelBuffer labels, boolean blanksAllowed)
      throws ExpositionParseException {
    int place = PreviousLine.labelPlace(labels.size());
    addLabel(labels, readLabelName(place), place, blanksAllowed);
  }

  /** The rest of a label whose name is read: '=' and the value, into {@code labels}. */
  private void addLabel(LabelBuffer labels, String name, int place, boolean blanksAllowed)
      throws ExpositionParseException {
    if (!openMetrics && name.equals(METRIC_NAME_LABEL)) {
      throw error(
          "label name \""
              + METRIC_NAME_LABEL
              + "\" is reserved (the metric name goes before the labels)");
    }
    if (labels.indexOf(name) != LabelBuffer.ABSENT) {
      throw error("duplicate label \"" + name + "\"");
    }
    if (blanksAllowed) {
      skipBlanks();
    }
    if (!skip('=')) {
      throw error("expected '=' after label name \"" + name + "\", found " + preview());
    }
    if (blanksAllowed) {
      skipBlanks();
    }
    if (!skip('"')) {
      throw error("expected '\"' to open the value of label \"" + name + "\", found " + preview());
    }
    int rawStart = pos;
    String value = readLabelValue(name, place + 1);
    labels.add(name, value, rawStart, pos - 1);
  }

  /** The rest of the line as HELP text, unescaped as {@link Unescaper} says. */
  String readHelpText() throws ExpositionParseException {
    int start = pos;
    while (pos < lineEnd && body[pos] != '\\') {
      pos++;
    }
    if (pos == lineEnd) {
      return checkedUtf8(body, start, pos, "HELP text");
    }
    pos = unescaper.decode(body, start, lineEnd, Unescaper.NO_TERMINATOR, null, this);
    return checkedUtf8(unescaper.bytes(), 0, unescaper.length(), "HELP text");
  }

  /** OpenMetrics' UNIT text: metric-name characters up to the end of the line, possibly none. */
  String readUnit(String family) throws ExpositionParseException {
    int start = pos;
    while (pos < lineEnd && isNameChar(body[pos], true)) {
      pos++;
    }
    if (pos < lineEnd) {
      throw error("invalid character " + describe(body[pos]) + " in the unit of " + family);
    }
    return text(start, pos);
  }

  /** The next token, up to a blank or the line end, as a float. */
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
      throw error(
          "invalid " + what + " of " + owner + ": \"" + text(from, to) + "\" is not a number");
    }
  }

  /**
   * The value of the label at {@code index} as a float, for {@code le} and {@code quantile}. Bounds
   * repeat across a body's histograms, and long ones (TGI's {@code 0.00015000000000000001}) take
   * the slow path of float parsing, so each distinct long text is parsed once.
   */
  double parseLabelNumber(LabelBuffer labels, int index, String sampleName)
      throws ExpositionParseException {
    int start = labels.rawStart(index);
    int end = labels.rawEnd(index);
    if (end - start <= FloatParser.EXACT_DIGITS) {
      return parseFloat(start, end, labels.name(index), sampleName);
    }
    String text = labels.value(index);
    Double known = labelNumbers.get(text);
    if (known != null) {
      return known;
    }
    double value = parseFloat(start, end, labels.name(index), sampleName);
    labelNumbers.put(text, value);
    return value;
  }

  /**
   * Text 0.0.4: an optional timestamp in milliseconds, any 64-bit integer with an optional sign (as
   * Go's ParseInt reads it); null when the line has none.
   */
  Long readOptionalTimestamp() throws ExpositionParseException {
    skipBlanks();
    int start = pos;
    int end = tokenEnd();
    if (end == start) {
      return null;
    }
    pos = end;
    boolean negative = body[start] == '-';
    int digitsStart = negative || body[start] == '+' ? start + 1 : start;
    if (digitsStart == end) {
      throw invalidTimestamp(start, end);
    }
    // Accumulated negatively, so that Long.MIN_VALUE fits.
    long value = 0;
    for (int i = digitsStart; i < end; i++) {
      int digit = body[i] - '0';
      if (digit < 0 || digit > 9 || value < (Long.MIN_VALUE + digit) / 10) {
        throw invalidTimestamp(start, end);
      }
      value = value * 10 - digit;
    }
    if (!negative && value == Long.MIN_VALUE) {
      throw invalidTimestamp(start, end);
    }
    return negative ? value : -value;
  }

  private ExpositionParseException invalidTimestamp(int start, int end) {
    return error(
        "invalid timestamp \"" + text(start, end) + "\": expected integer milliseconds (64 bits)");
  }

  /**
   * OpenMetrics: a timestamp, a real number of seconds since the epoch, as written; its
   * milliseconds are {@link #milliseconds} when {@link #holdsMilliseconds}. NaN and the infinities
   * are numbers, but no time.
   */
  double readTimestampSeconds(String sampleName) throws ExpositionParseException {
    int start = pos;
    int end = tokenEnd();
    pos = end;
    double seconds;
    try {
      seconds = FloatParser.parse(body, start, end);
    } catch (NumberFormatException e) {
      seconds = Double.NaN;
    }
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      throw error(
          "invalid timestamp of "
              + sampleName
              + ": \""
              + text(start, end)
              + "\" (expected seconds since the epoch)");
    }
    return seconds;
  }

  /** Whether these seconds, as milliseconds since the epoch, fit in 64 bits. */
  static boolean holdsMilliseconds(double seconds) {
    return Math.abs(seconds) < MAX_TIMESTAMP_SECONDS;
  }

  /**
   * Seconds as milliseconds, rounded to the nearest, so {@code 1520879607.789} is exactly {@code
   * 1520879607789}.
   */
  static long milliseconds(double seconds) {
    return Math.round(seconds * 1000);
  }

  /**
   * Text 0.0.4's type word: the rest of the line, in any case, as Prometheus' text parser reads it.
   */
  String readRestOfLine() {
    String rest = text(pos, lineEnd);
    pos = lineEnd;
    return rest;
  }

  /**
   * Nothing (in text 0.0.4: only blanks) may remain on the line; the error names "{kind} {name}".
   */
  void expectLineEnd(String kind, String name) throws ExpositionParseException {
    if (!openMetrics) {
      skipBlanks();
    }
    if (!atLineEnd()) {
      String found = isBlank(body[pos]) ? describe(body[pos]).substring(2) : preview();
      throw error("unexpected " + found + " at the end of " + kind + " " + name);
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
      return describe(body[pos]);
    }
    return "\"" + text(pos, Math.min(end, pos + PREVIEW_LIMIT)) + "\"";
  }

  /** Whether a label name, plain or quoted, starts at the cursor. */
  private boolean startsLabel() {
    return pos < lineEnd && (body[pos] == '"' || isNameStart(body[pos], false));
  }

  private String readLabelName(int place) throws ExpositionParseException {
    int start = pos;
    int repeated = previous.repeatLength(body, start, lineEnd, place);
    if (repeated > 0
        && (start + repeated == lineEnd || !isNameChar(body[start + repeated], false))) {
      pos = start + repeated;
      return previous.string(place);
    }
    if (pos < lineEnd && isNameStart(body[pos], false)) {
      pos++;
      while (pos < lineEnd && isNameChar(body[pos], false)) {
        pos++;
      }
    }
    if (pos == start) {
      throw error("expected a label name, found " + preview());
    }
    String name = strings.intern(body, start, pos);
    previous.remember(place, start, pos - start, name);
    return name;
  }

  /** Reads up to and including the closing quote; the opening one is already consumed. */
  private String readLabelValue(String labelName, int place) throws ExpositionParseException {
    int start = pos;
    // A remembered value held no escape, so equal bytes followed by '"' are the same value.
    int repeated = previous.repeatLength(body, start, lineEnd, place);
    if (repeated >= 0 && start + repeated < lineEnd && body[start + repeated] == '"') {
      pos = start + repeated + 1;
      return previous.string(place);
    }
    while (pos < lineEnd && body[pos] != '"' && body[pos] != '\\') {
      pos++;
    }
    boolean verbatim = pos < lineEnd && body[pos] == '"';
    String value;
    if (verbatim) {
      value = strings.intern(body, start, pos);
    } else {
      pos =
          unescaper.decode(body, start, lineEnd, '"', "value of label \"" + labelName + "\"", this);
      if (pos >= lineEnd) {
        throw error("unterminated value of label \"" + labelName + "\"");
      }
      value = strings.intern(unescaper.bytes(), 0, unescaper.length());
    }
    if (value == null) {
      throw error("value of label \"" + labelName + "\" is not valid UTF-8");
    }
    if (verbatim) {
      previous.remember(place, start, pos - start, value);
    } else {
      previous.forget(place);
    }
    pos++;
    return value;
  }

  /**
   * Text 0.0.4: a name in double quotes, escaped as label values are, the cursor on the opening
   * quote; {@code what} names it in errors. Any non-empty UTF-8 text is a name, as Prometheus' text
   * parser validates names the UTF-8 way by default.
   */
  private String readQuotedName(String what) throws ExpositionParseException {
    String subject = "quoted " + what;
    int start = ++pos;
    int end = unescaper.decode(body, start, lineEnd, '"', subject, this);
    if (end >= lineEnd) {
      throw error("unterminated " + subject);
    }
    pos = end + 1;
    String name = strings.intern(unescaper.bytes(), 0, unescaper.length());
    if (name == null) {
      throw error(subject + " is not valid UTF-8");
    }
    if (name.isEmpty()) {
      throw error("empty " + subject);
    }
    return name;
  }

  private String checkedUtf8(byte[] bytes, int from, int to, String what)
      throws ExpositionParseException {
    if (!Utf8.isValid(bytes, from, to)) {
      throw error(what + " is not valid UTF-8");
    }
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
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
    if (b == ' ') {
      return "a space";
    }
    if (b == '\t') {
      return "a tab";
    }
    return b >= 0x21 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  private static boolean isNameStart(byte b, boolean colonAllowed) {
    return (b >= 'a' && b <= 'z')
        || (b >= 'A' && b <= 'Z')
        || b == '_'
        || (colonAllowed && b == ':');
  }

  private static boolean isNameChar(byte b, boolean colonAllowed) {
    return isNameStart(b, colonAllowed) || (b >= '0' && b <= '9');
  }
}
