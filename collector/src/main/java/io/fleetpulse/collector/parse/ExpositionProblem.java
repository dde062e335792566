package io.fleetpulse.collector.parse;

/**
 * A problem confined to one family, for which the family was left out: where, in which family, why,
 * and whether the format itself refuses it. A syntax error is no such problem: the parser throws an
 * {@link ExpositionParseException} for it, as the rest of the body cannot be read.
 *
 * @param line the 1-based line the problem was found on
 */
public record ExpositionProblem(int line, String family, String reason, Severity severity) {

  /** How far a problem reaches. */
  public enum Severity {
    /**
     * The format refuses this family; the rest of the body is readable, so only the family is
     * dropped.
     */
    SEMANTIC("semantic"),
    /**
     * The format accepts the family, but no sane record can hold it (in text 0.0.4, buckets that
     * decrease or a NaN count, which Prometheus stores and PromQL repairs or gives NaN for); the
     * family is dropped.
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
