package io.fleetpulse.cli.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus' alerting-rule clock for one rule: a series whose condition has held continuously for
 * the rule's {@code for} duration fires, and stops firing at the first evaluation where the
 * condition is false (or the series is gone). Episodes are recorded per series.
 */
final class ForDuration {

  private final String rule;
  private final long forMs;
  private final Map<String, Long> trueSince = new HashMap<>();
  private final Map<String, Long> firingSince = new HashMap<>();
  private final List<FiringEpisode> episodes = new ArrayList<>();

  ForDuration(String rule, long forMs) {
    this.rule = rule;
    this.forMs = forMs;
  }

  /**
   * One evaluation of {@code series} at {@code atMs}; {@code holds} is false for an absent series
   * too.
   */
  void evaluate(String series, long atMs, boolean holds) {
    if (!holds) {
      trueSince.remove(series);
      Long firing = firingSince.remove(series);
      if (firing != null) {
        episodes.add(new FiringEpisode(rule, series, firing, atMs));
      }
      return;
    }
    long since = trueSince.computeIfAbsent(series, s -> atMs);
    if (atMs - since >= forMs) {
      firingSince.putIfAbsent(series, atMs);
    }
  }

  /** Every episode, those still firing left open. */
  List<FiringEpisode> episodes() {
    List<FiringEpisode> all = new ArrayList<>(episodes);
    firingSince.forEach(
        (series, start) -> all.add(new FiringEpisode(rule, series, start, FiringEpisode.OPEN)));
    return all;
  }
}
