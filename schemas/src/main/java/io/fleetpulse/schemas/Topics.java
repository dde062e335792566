package io.fleetpulse.schemas;

import java.util.List;

/** The pipeline's topic names, {@code <prefix>.<name>.v<N>}; a breaking schema change bumps N. */
public record Topics(String prefix) {

  public static final String DEFAULT_PREFIX = "fleetpulse";

  public Topics {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("topic prefix must not be empty");
    }
  }

  public static Topics withDefaultPrefix() {
    return new Topics(DEFAULT_PREFIX);
  }

  /** Raw scrapes from the collectors, keyed cluster/instance. */
  public String scrapes() {
    return prefix + ".scrapes.v1";
  }

  /** Per-request events, keyed cluster/node. */
  public String requests() {
    return prefix + ".requests.v1";
  }

  /** Records that could not be decoded, with the reason in a header. */
  public String deadLetter() {
    return prefix + ".deadletter.v1";
  }

  /** Closed windows per scope. */
  public String fleetStats() {
    return prefix + ".fleet-stats.v1";
  }

  /** Per-node drill-down records. */
  public String nodeStats() {
    return prefix + ".node-stats.v1";
  }

  /** Leading-indicator state changes. */
  public String signals() {
    return prefix + ".signals.v1";
  }

  /** The rollup tiers, finest first; each has its own compacted topic. */
  public static final List<String> ROLLUP_TIERS = List.of("1m", "1h", "1d");

  /**
   * A rollup tier's closed windows ({@code RollupWindow}), keyed {@code <scope
   * key>|<window_start_ms>}, compacted so that a window re-emitted by a replay replaces the one
   * before it.
   */
  public String rollup(String tier) {
    if (!ROLLUP_TIERS.contains(tier)) {
      throw new IllegalArgumentException(
          "unknown rollup tier '" + tier + "'; one of " + ROLLUP_TIERS);
    }
    return prefix + ".rollup-" + tier + ".v1";
  }

  public List<String> all() {
    return List.of(scrapes(), requests(), deadLetter(), fleetStats(), nodeStats(), signals());
  }
}
