package io.fleetpulse.cli.evaluate;

import java.util.Comparator;
import java.util.List;

/**
 * How one detector or baseline did on one scenario: when it first fired, how long before the breach
 * (negative when after it), and how many of its episodes were false positives.
 *
 * <p>An episode is a true positive when it starts once the scenario's incident is under way: at or
 * after the onset of the ramp, surge, crash or slowdown the scenario injects (the incident lasts to
 * the end of the run; one that starts after the breach is late, not false). Every episode before
 * the onset, and every episode of a scenario without an incident (steady, diurnal), is a false
 * positive: it would have paged someone for nothing.
 *
 * @param firstFiredMs the first true-positive episode's start; null when there is none
 * @param leadSeconds breach minus first fire; null without a breach or a first fire
 */
public record LeadTimeScore(
    String name, Long firstFiredMs, Double leadSeconds, int falsePositives) {

  public static LeadTimeScore of(String name, List<FiringEpisode> episodes, Incident incident) {
    Long first = null;
    int falsePositives = 0;
    for (FiringEpisode episode :
        episodes.stream().sorted(Comparator.comparingLong(FiringEpisode::startMs)).toList()) {
      if (incident != null && incident.covers(episode.startMs())) {
        if (first == null) {
          first = episode.startMs();
        }
      } else {
        falsePositives++;
      }
    }
    Double lead =
        first == null || incident == null || incident.breachMs() == null
            ? null
            : (incident.breachMs() - first) / 1000.0;
    return new LeadTimeScore(name, first, lead, falsePositives);
  }

  /**
   * The stretch of a scenario in which firing is right.
   *
   * @param onsetMs when the scenario's fault begins
   * @param breachMs when the SLO breach happened; null when the run never breached
   */
  public record Incident(long onsetMs, Long breachMs) {

    boolean covers(long atMs) {
      return atMs >= onsetMs;
    }
  }
}
