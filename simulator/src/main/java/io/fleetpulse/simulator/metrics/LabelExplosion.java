package io.fleetpulse.simulator.metrics;

import io.fleetpulse.schemas.contract.EngineName;

/**
 * A label-cardinality explosion on a node's page: a family with one series per request id, the
 * classic mistake of a per-request label, named with the engine's own prefix so a scraper's engine
 * filter keeps it. Written into the page in its format (before OpenMetrics' {@code # EOF}).
 */
public final class LabelExplosion {

  private static final String EOF = "# EOF\n";

  private final String family;
  private volatile int series;

  public LabelExplosion(EngineName engine) {
    this.family = engine.familyPrefix() + "request_info";
  }

  /** From now on the page carries {@code series} more series; 0 ends the explosion. */
  public void setSeries(int series) {
    if (series < 0) {
      throw new IllegalArgumentException("series must not be negative, got " + series);
    }
    this.series = series;
  }

  /** Adds the exploded family to a rendered page, when there is one. */
  public void addTo(StringBuilder page) {
    int count = series;
    if (count == 0) {
      return;
    }
    boolean openMetrics =
        page.length() >= EOF.length() && page.lastIndexOf(EOF) == page.length() - EOF.length();
    if (openMetrics) {
      page.setLength(page.length() - EOF.length());
    }
    page.append("# HELP ").append(family).append(" One series per request.\n");
    page.append("# TYPE ").append(family).append(" gauge\n");
    for (int i = 0; i < count; i++) {
      page.append(family).append("{request_id=\"req-").append(i).append("\"} 1\n");
    }
    if (openMetrics) {
      page.append(EOF);
    }
  }
}
