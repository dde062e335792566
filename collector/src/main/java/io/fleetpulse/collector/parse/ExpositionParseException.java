package io.fleetpulse.collector.parse;

/** An exposition body that is not valid; the message is "line N: reason". */
public final class ExpositionParseException extends Exception {

  private final int line;
  private final String reason;

  public ExpositionParseException(int line, String reason) {
    super("line " + line + ": " + reason);
    this.line = line;
    this.reason = reason;
  }

  /** The 1-based line the problem was found on. */
  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
