package io.fleetpulse.collector;

import io.fleetpulse.schemas.Scrape;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line when a target starts failing or fails for a new reason, and one when it recovers. A
 * target that stays down would otherwise repeat the same warning every interval; the repeats go to
 * debug.
 */
final class TargetHealthLog {

  private static final Logger log = LoggerFactory.getLogger(TargetHealthLog.class);

  private final Map<String, String> failing = new ConcurrentHashMap<>();

  void record(Scrape scrape) {
    String target = scrape.getInstance() + " (job " + scrape.getJob() + ")";
    if (scrape.getUp()) {
      if (failing.remove(target) != null) {
        log.info("scrape of {} recovered", target);
      }
      return;
    }
    String previous = failing.put(target, scrape.getError());
    if (Objects.equals(previous, scrape.getError())) {
      log.debug("scrape of {} still failing: {}", target, scrape.getError());
    } else {
      log.warn("scrape of {} failed: {}", target, scrape.getError());
    }
  }
}
