package io.fleetpulse.streams.engine;

/** Engine-independent counters; the id names them in the topology's internal records. */
public enum CanonicalCounter {
  GENERATION_TOKENS("generation_tokens"),
  PROMPT_TOKENS("prompt_tokens");

  private final String id;

  CanonicalCounter(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
