package io.fleetpulse.collector.parse;

/**
 * One problem a parse found: where, in which family (null for a syntax error), why, and how bad.
 *
 * @param line the 1-based line the problem was found on
 */
public record ExpositionProblem(int line, String family, String reason, Severity severity) {

  /** How far a problem reaches. */
  public enum Severity {
    /** The text cannot be read on: the format refuses the body, and the collector the scrape. */
    SYNTAX("syntax"),
    /** The format refuses this family; the rest of the body is readable, so only the family is dropped. */
    SEMANTIC("semantic"),
    /**
     * The format accepts the family, but no sane record can hold it (in text 0.0.4, buckets that decrease or
     * a NaN count, which Prometheus stores and PromQL repairs or gives NaN for); the family is dropped.
     */
    UNUSABLE("unusable");

    private final String label;

    Severity(String label) {
      this.label = label;
    }

    /** The short name, as metrics and the parse command show it. */
    public String label() {
      return label;
    }
  }

  /** Whether the format's own rules refuse what this problem is about. */
  public boolean refusedByFormat() {
    return severity != Severity.UNUSABLE;
  }

  /** "line N: reason", as a refused body's error reads. */
  public String message() {
    return "line " + line + ": " + reason;
  }
}
