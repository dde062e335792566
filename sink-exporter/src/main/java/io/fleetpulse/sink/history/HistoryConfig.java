package io.fleetpulse.sink.history;

/**
 * How much of the rollup tiers the sink keeps for {@code /api/v1/windows}. A null component means
 * "use the default". Memory is bounded by their product: at most {@code maxSeries} series above
 * node scope, each with at most {@code maxWindows} windows per tier.
 *
 * @param maxWindows newest windows kept per series and tier (240: 4 h of 1 m, 10 days of 1 h, 8
 *     months of 1 d)
 * @param maxSeries series kept per tier; windows of further series are not kept (logged once)
 */
public record HistoryConfig(Integer maxWindows, Integer maxSeries) {

  public static final int DEFAULT_MAX_WINDOWS = 240;
  public static final int DEFAULT_MAX_SERIES = 100;
  private static final int MAX_MAX_WINDOWS = 100_000;
  private static final int MAX_MAX_SERIES = 10_000;

  public HistoryConfig {
    maxWindows = maxWindows == null ? DEFAULT_MAX_WINDOWS : maxWindows;
    maxSeries = maxSeries == null ? DEFAULT_MAX_SERIES : maxSeries;
    if (maxWindows < 1 || maxWindows > MAX_MAX_WINDOWS) {
      throw new IllegalArgumentException(
          "sink.history.max_windows must be 1.." + MAX_MAX_WINDOWS + ", got " + maxWindows);
    }
    if (maxSeries < 1 || maxSeries > MAX_MAX_SERIES) {
      throw new IllegalArgumentException(
          "sink.history.max_series must be 1.." + MAX_MAX_SERIES + ", got " + maxSeries);
    }
  }

  public static HistoryConfig defaults() {
    return new HistoryConfig(null, null);
  }
}
