package io.fleetpulse.streams.profile;

import java.util.Optional;

/** Engine-independent counters; the id names them in the topology's internal records. */
public enum CanonicalCounter {
  GENERATION_TOKENS("generation_tokens"),
  PROMPT_TOKENS("prompt_tokens"),
  /**
   * Split by outcome (stop, length, abort, error, success): each part is summed under {@link
   * #key(String)}.
   */
  REQUESTS_FINISHED("requests_finished"),
  PREEMPTIONS("preemptions"),
  PREFIX_CACHE_HITS("prefix_cache_hits"),
  PREFIX_CACHE_QUERIES("prefix_cache_queries"),
  /**
   * Time spent generating tokens, from engines that report it instead of a latency histogram
   * (llama.cpp).
   */
  GENERATION_COMPUTE_SECONDS("generation_compute_seconds"),
  /** The tokens {@link #GENERATION_COMPUTE_SECONDS} was spent on, from the same engines only. */
  GENERATION_COMPUTE_TOKENS("generation_compute_tokens");

  private static final char PART_SEPARATOR = '/';

  private final String id;

  CanonicalCounter(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * The id one part of this counter is summed under, e.g. {@code requests_finished/stop}; the id
   * for no part.
   */
  public String key(String part) {
    return part == null ? id : id + PART_SEPARATOR + part;
  }

  /**
   * The part named by a {@link #key(String)} of this counter, or empty when the key is not one of
   * its parts.
   */
  public Optional<String> partOf(String key) {
    String prefix = id + PART_SEPARATOR;
    return key.startsWith(prefix) ? Optional.of(key.substring(prefix.length())) : Optional.empty();
  }

  /**
   * The counter this one is divided by (or divides) to form a ratio. A node contributes to a ratio
   * only when it reports both halves: counting one engine's denominator without its numerator would
   * bias a fleet's ratio.
   */
  public Optional<CanonicalCounter> ratioPartner() {
    return switch (this) {
      case PREFIX_CACHE_HITS -> Optional.of(PREFIX_CACHE_QUERIES);
      case PREFIX_CACHE_QUERIES -> Optional.of(PREFIX_CACHE_HITS);
      case GENERATION_COMPUTE_SECONDS -> Optional.of(GENERATION_COMPUTE_TOKENS);
      case GENERATION_COMPUTE_TOKENS -> Optional.of(GENERATION_COMPUTE_SECONDS);
      default -> Optional.empty();
    };
  }
}
