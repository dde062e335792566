package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.parse.ExpositionProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the families a scrape left out, at most one line per target and reason per period: a target
 * that serves one bad histogram does so on every scrape, and one line a minute says so as well as
 * thousands.
 */
final class DroppedFamilyLog {

  static final Duration PERIOD = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(DroppedFamilyLog.class);

  private final LongSupplier nanoClock;
  private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

  DroppedFamilyLog(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * Logs the {@code problems} of one scrape of {@code target}, one line per reason not logged for
   * it within the period; returns how many lines it wrote.
   */
  int report(String target, List<ExpositionProblem> problems) {
    int lines = 0;
    for (ExpositionProblem.Severity severity : ExpositionProblem.Severity.values()) {
      List<ExpositionProblem> these =
          problems.stream().filter(p -> p.severity() == severity).toList();
      if (!these.isEmpty() && due(target + ' ' + severity.label())) {
        ExpositionProblem first = these.get(0);
        log.warn(
            "scrape of {} kept, {} {} famil{} dropped, the first {} at {} (at most one such line per {}s)",
            target,
            these.size(),
            severity.label(),
            these.size() == 1 ? "y" : "ies",
            first.family(),
            first.message(),
            PERIOD.toSeconds());
        lines++;
      }
    }
    return lines;
  }

  /** Whether {@code key} may log now; if so, the period starts again. */
  private boolean due(String key) {
    long now = nanoClock.getAsLong();
    boolean[] due = {false};
    lastLogged.compute(
        key,
        (k, last) -> {
          due[0] = last == null || now - last >= PERIOD.toNanos();
          return due[0] ? now : last;
        });
    return due[0];
  }
}
