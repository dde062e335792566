package io.fleetpulse.cli.evaluate;

import java.util.Comparator;
import java.util.List;

/**
 * How one detector or baseline did on one scenario: when it first fired, how long before the breach
 * (negative when after it), and how many of its episodes were false positives.
 *
 * <p>An episode is a true positive when it starts inside the scenario's incident: from the fault's
 * onset (the ramp, surge, crash or slowdown the scenario injects) to a grace after the breach.
 * Every other episode, and every episode of a scenario without an incident (steady, diurnal), is a
 * false positive: it would have paged someone for nothing.
 *
 * @param firstFiredMs the first true-positive episode's start; null when there is none
 * @param leadSeconds breach minus first fire; null without a breach or a first fire
 */
public record LeadTimeScore(
    String name, Long firstFiredMs, Double leadSeconds, int falsePositives) {

  /**
   * How long after the breach a first fire still counts as having caught the incident (late, not
   * false).
   */
  public static final long LATE_GRACE_MS = 10 * 60_000L;

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
      long end = breachMs == null ? Long.MAX_VALUE : breachMs + LATE_GRACE_MS;
      return atMs >= onsetMs && atMs <= end;
    }
  }
}
