package io.fleetpulse.collector.parse;

/**
 * A problem with an exposition body; the message is "line N: reason". Thrown by a parser for a
 * syntax error, which leaves the rest of the body unreadable; inside the parsers it also carries a
 * problem confined to one family, which the family's table turns into an {@link ExpositionProblem}
 * and drops the family for.
 */
public final class ExpositionParseException extends Exception {

  private final int line;
  private final String reason;
  private final boolean formatAccepts;

  /** A problem the format refuses. */
  public ExpositionParseException(int line, String reason) {
    this(line, reason, false);
  }

  private ExpositionParseException(int line, String reason, boolean formatAccepts) {
    super("line " + line + ": " + reason);
    this.line = line;
    this.reason = reason;
    this.formatAccepts = formatAccepts;
  }

  /**
   * Values the format accepts but no sane record can hold (a NaN bucket count in text 0.0.4, say).
   */
  static ExpositionParseException unusable(int line, String reason) {
    return new ExpositionParseException(line, reason, true);
  }

  /** The 1-based line the problem was found on. */
  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }

  /** Whether the format itself accepts what this problem is about. */
  boolean formatAccepts() {
    return formatAccepts;
  }
}
