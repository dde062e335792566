package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.config.StaticConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The targets of one job: those of its static groups and the latest groups of each of its file_sd
 * configs, without duplicates (the same address with the same labels twice is one target, as in
 * Prometheus).
 */
public final class JobTargets {

  private final ScrapeJob job;
  private final List<ScrapeTarget> staticTargets;
  private final Map<Integer, List<ScrapeTarget>> discoveredBySource = new TreeMap<>();

  public JobTargets(ScrapeJob job, List<StaticConfig> staticGroups) {
    this.job = job;
    this.staticTargets = targetsOf(job, staticGroups);
  }

  public ScrapeJob job() {
    return job;
  }

  /**
   * Replaces what the file_sd config at {@code source} (its index in the job) discovered; returns
   * all targets.
   */
  public synchronized Set<ScrapeTarget> discovered(int source, List<StaticConfig> groups) {
    discoveredBySource.put(source, targetsOf(job, groups));
    return all();
  }

  public synchronized Set<ScrapeTarget> all() {
    Set<ScrapeTarget> all = new LinkedHashSet<>(staticTargets);
    discoveredBySource.values().forEach(all::addAll);
    return all;
  }

  private static List<ScrapeTarget> targetsOf(ScrapeJob job, List<StaticConfig> groups) {
    List<ScrapeTarget> targets = new ArrayList<>();
    for (StaticConfig group : groups) {
      targets.addAll(ScrapeTarget.of(job, group));
    }
    return targets;
  }
}
