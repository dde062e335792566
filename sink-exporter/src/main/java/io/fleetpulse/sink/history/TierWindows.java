package io.fleetpulse.sink.history;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest windows of each rollup tier, per series above node scope, for {@code /api/v1/windows}.
 * Bounded by {@link HistoryConfig}: a series keeps its {@code maxWindows} latest windows by start,
 * and a tier at most {@code maxSeries} series. A window with the start of one already kept replaces
 * it, as on the compacted topic. Written by the consumer threads, read by HTTP requests.
 */
public final class TierWindows {

  private static final Logger LOG = LoggerFactory.getLogger(TierWindows.class);

  private final HistoryConfig config;
  // Kept encoded: a window's Avro bytes are a few times smaller than its decoded objects.
  private final AvroSerde<FleetWindow> serde = new AvroSerde<>(FleetWindow.class);
  private final Map<String, Map<String, NavigableMap<Long, byte[]>>> byTier = new HashMap<>();
  private final Map<String, Boolean> reportedFull = new HashMap<>();

  public TierWindows(HistoryConfig config) {
    this.config = config;
    Topics.ROLLUP_TIERS.forEach(tier -> byTier.put(tier, new HashMap<>()));
  }

  public HistoryConfig config() {
    return config;
  }

  /**
   * Keeps one window of {@code tier}; node-scope windows are not kept.
   *
   * @throws IllegalArgumentException for an unknown tier, scope, or a scope's missing label
   */
  public synchronized void keep(String tier, FleetWindow window) {
    Map<String, NavigableMap<Long, byte[]>> series = tierOf(tier);
    Scope scope = Scope.fromLabel(window.getScope());
    if (scope == Scope.NODE) {
      return;
    }
    String key = scope.key(window.getCluster(), window.getModel(), window.getNode());
    NavigableMap<Long, byte[]> windows = series.get(key);
    if (windows == null) {
      if (series.size() >= config.maxSeries()) {
        if (reportedFull.put(tier, true) == null) {
          LOG.warn(
              "history of tier {} holds sink.history.max_series ({}) series already; not keeping {}"
                  + " and any further ones",
              tier,
              config.maxSeries(),
              key);
        }
        return;
      }
      windows = new TreeMap<>();
      series.put(key, windows);
    }
    windows.put(window.getWindowStartMs().toEpochMilli(), serde.encode(window));
    while (windows.size() > config.maxWindows()) {
      windows.pollFirstEntry();
    }
  }

  /** The kept windows of one series that start in [sinceMs, untilMs), oldest first. */
  public synchronized List<FleetWindow> windows(
      String tier, String seriesKey, long sinceMs, long untilMs) {
    NavigableMap<Long, byte[]> windows = tierOf(tier).get(seriesKey);
    List<FleetWindow> found = new ArrayList<>();
    if (windows != null) {
      windows
          .subMap(sinceMs, true, untilMs, false)
          .values()
          .forEach(w -> found.add(serde.decode(w)));
    }
    return found;
  }

  private Map<String, NavigableMap<Long, byte[]>> tierOf(String tier) {
    Map<String, NavigableMap<Long, byte[]>> series = byTier.get(tier);
    if (series == null) {
      throw new IllegalArgumentException(
          "unknown rollup tier '" + tier + "'; one of " + Topics.ROLLUP_TIERS);
    }
    return series;
  }
}
