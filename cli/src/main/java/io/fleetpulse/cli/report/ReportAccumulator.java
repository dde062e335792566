package io.fleetpulse.cli.report;

import io.fleetpulse.cli.evaluate.SignalEpisodes;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.contract.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes tier windows and signals one at a time, as they are read, and keeps only the {@link
 * WindowPoint} of each window of the report's scope and range: the newest per key, as compaction
 * would, so a window a replay re-emitted is counted once.
 */
public final class ReportAccumulator {

  private final ReportRange range;
  private final Scope scope;
  private final double kvThreshold;
  private final Map<String, WindowPoint> points = new HashMap<>();
  private final SignalEpisodes episodes = new SignalEpisodes();

  public ReportAccumulator(ReportRange range, Scope scope, double kvThreshold) {
    this.range = range;
    this.scope = scope;
    this.kvThreshold = kvThreshold;
  }

  /**
   * Whether a tier record keyed {@code <scope key>|<window_start_ms>} can be of the report's scope:
   * most of a fleet's windows are of node scope, and skipping them undecoded is most of the speed.
   */
  public boolean wants(String key) {
    String label = scope.label();
    return key.startsWith(label)
        && key.length() > label.length()
        && (key.charAt(label.length()) == '/' || key.charAt(label.length()) == '|');
  }

  public void accept(String tier, RollupWindow rollup) {
    FleetWindow window = rollup.getWindow();
    if (!window.getScope().equals(scope.label())) {
      return;
    }
    long startMs = window.getWindowStartMs().toEpochMilli();
    long endMs = window.getWindowEndMs().toEpochMilli();
    boolean inRange =
        tier.equals(DailyLatency.TIER)
            ? startMs < range.untilMs() && endMs > range.sinceMs()
            : range.contains(startMs);
    if (inRange) {
      WindowPoint point = WindowPoint.of(tier, rollup);
      points.put(point.key(), point);
    }
  }

  public void accept(Signal signal) {
    episodes.accept(signal);
  }

  public FleetReport report() {
    Map<String, List<WindowPoint>> byTier = new HashMap<>();
    for (WindowPoint point : points.values()) {
      byTier.computeIfAbsent(point.tier(), t -> new ArrayList<>()).add(point);
    }
    return new FleetReport(
        range,
        scope,
        List.of(
            DailyTokens.table(tier(byTier, DailyTokens.TIER)),
            Throughput.table(tier(byTier, Throughput.TIER)),
            DailyLatency.table(tier(byTier, DailyLatency.TIER)),
            KvSaturation.table(tier(byTier, KvSaturation.TIER), kvThreshold),
            NodeHours.table(tier(byTier, NodeHours.TIER)),
            Capacity.table(tier(byTier, Capacity.TIER), range),
            // Last: a busy week fires hundreds of episodes, which would push the rest off the page.
            SignalDurations.table(episodes.episodes(), range)));
  }

  private static List<WindowPoint> tier(Map<String, List<WindowPoint>> byTier, String tier) {
    return byTier.getOrDefault(tier, List.of());
  }
}
