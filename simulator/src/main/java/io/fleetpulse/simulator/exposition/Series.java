package io.fleetpulse.simulator.exposition;

/**
 * One series of a family: its sample lines, its {@code _created} line, and what a process restart
 * does to it.
 */
interface Series {

  void renderSamples(StringBuilder out);

  /** Only called for families that expose {@code _created}. */
  default void renderCreated(StringBuilder out) {}

  /**
   * Counters and histograms start from zero; gauges keep their value, whoever owns them sets the
   * new one.
   */
  default void restart(double createdEpochSeconds) {}
}
