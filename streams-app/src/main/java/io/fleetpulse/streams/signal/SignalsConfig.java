package io.fleetpulse.streams.signal;

import static io.fleetpulse.streams.signal.ConfigChecks.atLeast;
import static io.fleetpulse.streams.signal.ConfigChecks.below;
import static io.fleetpulse.streams.signal.ConfigChecks.fraction;
import static io.fleetpulse.streams.signal.ConfigChecks.nonNegative;
import static io.fleetpulse.streams.signal.ConfigChecks.orDefault;
import static io.fleetpulse.streams.signal.ConfigChecks.positive;

import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the early-warning detectors ({@code streams.signals}). A null component means "use
 * the default"; thresholds are relative to each scope's own level, capacity or learned baseline
 * wherever they can be, so they hold on fleets of any size. Absolute floors exist only to keep an
 * idle fleet's noise from firing.
 *
 * @param window the window size the detectors read (one of {@code streams.windows}; the shortest
 *     reacts first)
 * @param minObservedRatio windows observed for less than this share are skipped (a start or a
 *     joining node)
 * @param keepFiringFor how long a firing signal's value must stay below its clear threshold before
 *     it resolves
 */
public record SignalsConfig(
    Duration window,
    Double minObservedRatio,
    Duration keepFiringFor,
    KvCache kvCache,
    QueueTime queueTime,
    Capacity capacity,
    Preemption preemption,
    TtftSlo ttftSlo,
    Throughput throughput,
    NodeDown nodeDown,
    SlowNode slowNode) {

  static final String PATH = "streams.signals.";

  public SignalsConfig {
    window = positive(PATH + "window", orDefault(window, Duration.ofSeconds(10)));
    minObservedRatio = orDefault(minObservedRatio, 0.9);
    if (!(minObservedRatio >= 0 && minObservedRatio <= 1)) {
      throw new IllegalArgumentException(
          PATH + "min_observed_ratio must be from 0 to 1, got " + minObservedRatio);
    }
    keepFiringFor =
        nonNegative(PATH + "keep_firing_for", orDefault(keepFiringFor, Duration.ofSeconds(30)));
    kvCache = orDefault(kvCache, KvCache.defaults());
    queueTime = orDefault(queueTime, QueueTime.defaults());
    capacity = orDefault(capacity, Capacity.defaults());
    preemption = orDefault(preemption, Preemption.defaults());
    ttftSlo = orDefault(ttftSlo, TtftSlo.defaults());
    throughput = orDefault(throughput, Throughput.defaults());
    nodeDown = orDefault(nodeDown, NodeDown.defaults());
    slowNode = orDefault(slowNode, SlowNode.defaults());
  }

  public static SignalsConfig defaults() {
    return new SignalsConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** These settings reading {@code window} instead. */
  public SignalsConfig withWindow(Duration window) {
    return new SignalsConfig(
        window,
        minObservedRatio,
        keepFiringFor,
        kvCache,
        queueTime,
        capacity,
        preemption,
        ttftSlo,
        throughput,
        nodeDown,
        slowNode);
  }

  /** The detectors read one window size: it must be one the streams app aggregates. */
  public void checkWindowIn(List<Duration> windows) {
    if (!windows.contains(window)) {
      throw new IllegalArgumentException(
          PATH
              + "window "
              + windowName()
              + " is not one of streams.windows "
              + windows.stream().map(PrometheusDuration::format).toList());
    }
  }

  /** The {@code window} field of the FleetWindow records the detectors read. */
  public String windowName() {
    return PrometheusDuration.format(window);
  }

  /**
   * How long a detector's condition must hold before it fires, and how much history it needs first.
   */
  interface Timing {
    Duration pendingFor();

    Duration warmUp();
  }

  private static Duration pendingForOption(String section, Duration value, Duration fallback) {
    return nonNegative(PATH + section + ".pending_for", orDefault(value, fallback));
  }

  private static Duration warmUpOption(String section, Duration value, Duration fallback) {
    return nonNegative(PATH + section + ".warm_up", orDefault(value, fallback));
  }

  /**
   * KV-cache saturation: fires when usage is at {@code level}, or when a least-squares fit over
   * {@code fitOver} (as PromQL's predict_linear) predicts it full within {@code horizon} while
   * above {@code minLevel}. Scopes above node read the p90 across nodes (a tenth of the nodes at
   * the level), a node its own usage.
   */
  public record KvCache(
      Double level,
      Double clearLevel,
      Double minLevel,
      Duration horizon,
      Duration fitOver,
      Duration pendingFor,
      Duration warmUp)
      implements Timing {
    static final String SECTION = "kv_cache";

    public KvCache {
      level = fraction(PATH + SECTION + ".level", orDefault(level, 0.9));
      clearLevel = fraction(PATH + SECTION + ".clear_level", orDefault(clearLevel, 0.85));
      minLevel = fraction(PATH + SECTION + ".min_level", orDefault(minLevel, 0.5));
      below(PATH + SECTION + ".clear_level", clearLevel, PATH + SECTION + ".level", level);
      below(PATH + SECTION + ".min_level", minLevel, PATH + SECTION + ".level", level);
      horizon = positive(PATH + SECTION + ".horizon", orDefault(horizon, Duration.ofMinutes(15)));
      fitOver = positive(PATH + SECTION + ".fit_over", orDefault(fitOver, Duration.ofMinutes(7)));
      pendingFor = pendingForOption(SECTION, pendingFor, Duration.ofSeconds(30));
      warmUp = warmUpOption(SECTION, warmUp, fitOver);
    }

    static KvCache defaults() {
      return new KvCache(null, null, null, null, null, null, null);
    }
  }

  /**
   * Queue time rising: the window's {@code quantile} of queue time against a slow EWMA baseline of
   * it (half-life {@code baselineHalfLife}, learned only while quiet, so it follows diurnal change
   * but not a sudden rise). Fires at {@code ratio} times the baseline, and never below {@code
   * floor}; clears below {@code clearRatio} of it.
   */
  public record QueueTime(
      Double quantile,
      Double ratio,
      Double clearRatio,
      Duration floor,
      Duration baselineHalfLife,
      Duration pendingFor,
      Duration warmUp)
      implements Timing {
    static final String SECTION = "queue_time";

    public QueueTime {
      quantile = quantileOption(PATH + SECTION + ".quantile", orDefault(quantile, 0.99));
      ratio = positive(PATH + SECTION + ".ratio", orDefault(ratio, 3.0), 1000);
      clearRatio = positive(PATH + SECTION + ".clear_ratio", orDefault(clearRatio, 1.5), 1000);
      below(PATH + SECTION + ".clear_ratio", clearRatio, PATH + SECTION + ".ratio", ratio);
      floor = positive(PATH + SECTION + ".floor", orDefault(floor, Duration.ofMillis(250)));
      baselineHalfLife =
          positive(
              PATH + SECTION + ".baseline_half_life",
              orDefault(baselineHalfLife, Duration.ofMinutes(30)));
      pendingFor = pendingForOption(SECTION, pendingFor, Duration.ofSeconds(30));
      warmUp = warmUpOption(SECTION, warmUp, Duration.ofMinutes(5));
    }

    static QueueTime defaults() {
      return new QueueTime(null, null, null, null, null, null, null);
    }
  }

  /**
   * Capacity reached: the waiting queue grew, by a least-squares fit over {@code fitOver}, by at
   * least {@code growth} times the requests running (per node at least one), while running stays
   * within {@code runningTolerance} of its maximum over {@code maxOver}; clears when it grows by
   * less than {@code clearGrowth}.
   */
  public record Capacity(
      Double growth,
      Double clearGrowth,
      Double runningTolerance,
      Duration fitOver,
      Duration maxOver,
      Duration pendingFor,
      Duration warmUp)
      implements Timing {
    static final String SECTION = "capacity";

    public Capacity {
      growth = positive(PATH + SECTION + ".growth", orDefault(growth, 0.03), 100);
      clearGrowth = positive(PATH + SECTION + ".clear_growth", orDefault(clearGrowth, 0.01), 100);
      below(PATH + SECTION + ".clear_growth", clearGrowth, PATH + SECTION + ".growth", growth);
      runningTolerance =
          fraction(PATH + SECTION + ".running_tolerance", orDefault(runningTolerance, 0.1));
      fitOver = positive(PATH + SECTION + ".fit_over", orDefault(fitOver, Duration.ofMinutes(1)));
      maxOver = positive(PATH + SECTION + ".max_over", orDefault(maxOver, Duration.ofMinutes(10)));
      pendingFor = pendingForOption(SECTION, pendingFor, Duration.ofSeconds(30));
      warmUp = warmUpOption(SECTION, warmUp, Duration.ofMinutes(2));
    }

    static Capacity defaults() {
      return new Capacity(null, null, null, null, null, null, null);
    }
  }

  /**
   * Preemption storm: preemptions per 1,000 generated tokens at {@code perThousandTokens}, and at
   * least {@code minPerSecond}.
   */
  public record Preemption(
      Double perThousandTokens,
      Double clearPerThousandTokens,
      Double minPerSecond,
      Duration pendingFor,
      Duration warmUp)
      implements Timing {
    static final String SECTION = "preemption";

    public Preemption {
      perThousandTokens =
          positive(
              PATH + SECTION + ".per_thousand_tokens", orDefault(perThousandTokens, 1.0), 1000);
      clearPerThousandTokens =
          positive(
              PATH + SECTION + ".clear_per_thousand_tokens",
              orDefault(clearPerThousandTokens, 0.5),
              1000);
      below(
          PATH + SECTION + ".clear_per_thousand_tokens",
          clearPerThousandTokens,
          PATH + SECTION + ".per_thousand_tokens",
          perThousandTokens);
      minPerSecond =
          positive(PATH + SECTION + ".min_per_second", orDefault(minPerSecond, 0.1), 1e6);
      pendingFor = pendingForOption(SECTION, pendingFor, Duration.ofSeconds(30));
      warmUp = warmUpOption(SECTION, warmUp, Duration.ofMinutes(1));
    }

    static Preemption defaults() {
      return new Preemption(null, null, null, null, null);
    }
  }

  /**
   * TTFT SLO burn rate (the SRE workbook's multi-window alert): the SLO is {@code objective} of
   * requests with a time to first token under {@code threshold}; fires when the error budget burns
   * at {@code burnRate} times the sustainable rate over both {@code fastWindow} and {@code
   * slowWindow}, clears when the fast window drops below.
   */
  public record TtftSlo(
      Duration threshold,
      Double objective,
      Duration fastWindow,
      Duration slowWindow,
      Double burnRate,
      Duration pendingFor,
      Duration warmUp)
      implements Timing {
    static final String SECTION = "ttft_slo";

    public TtftSlo {
      threshold =
          positive(PATH + SECTION + ".threshold", orDefault(threshold, Duration.ofSeconds(2)));
      objective = fraction(PATH + SECTION + ".objective", orDefault(objective, 0.99));
      fastWindow =
          positive(PATH + SECTION + ".fast_window", orDefault(fastWindow, Duration.ofMinutes(5)));
      slowWindow =
          positive(PATH + SECTION + ".slow_window", orDefault(slowWindow, Duration.ofHours(1)));
      if (slowWindow.compareTo(fastWindow) < 0) {
        throw new IllegalArgumentException(
            PATH + SECTION + ".slow_window must not be shorter than fast_window");
      }
      burnRate = positive(PATH + SECTION + ".burn_rate", orDefault(burnRate, 14.4), 1e6);
      if (burnRate * (1 - objective) > 1) {
        throw new IllegalArgumentException(
            PATH
                + SECTION
                + ".burn_rate "
                + burnRate
                + " can never be reached: it needs more than every request to miss the objective "
                + objective);
      }
      pendingFor = pendingForOption(SECTION, pendingFor, Duration.ZERO);
      warmUp = warmUpOption(SECTION, warmUp, fastWindow);
    }

    static TtftSlo defaults() {
      return new TtftSlo(null, null, null, null, null, null, null);
    }
  }

  /**
   * Throughput drop while demand holds: generation tokens/s at most {@code 1 - drop} of its slow
   * EWMA baseline while demand (running + waiting) stays within {@code demandTolerance} of its own;
   * idle scopes under {@code minTokensPerSecond} are left out.
   */
  public record Throughput(
      Double drop,
      Double clearDrop,
      Double demandTolerance,
      Double minTokensPerSecond,
      Duration baselineHalfLife,
      Duration pendingFor,
      Duration warmUp)
      implements Timing {
    static final String SECTION = "throughput";

    public Throughput {
      drop = fraction(PATH + SECTION + ".drop", orDefault(drop, 0.5));
      clearDrop = fraction(PATH + SECTION + ".clear_drop", orDefault(clearDrop, 0.3));
      below(PATH + SECTION + ".clear_drop", clearDrop, PATH + SECTION + ".drop", drop);
      demandTolerance =
          fraction(PATH + SECTION + ".demand_tolerance", orDefault(demandTolerance, 0.1));
      minTokensPerSecond =
          positive(
              PATH + SECTION + ".min_tokens_per_second", orDefault(minTokensPerSecond, 1.0), 1e9);
      baselineHalfLife =
          positive(
              PATH + SECTION + ".baseline_half_life",
              orDefault(baselineHalfLife, Duration.ofMinutes(10)));
      pendingFor = pendingForOption(SECTION, pendingFor, Duration.ofMinutes(1));
      warmUp = warmUpOption(SECTION, warmUp, Duration.ofMinutes(10));
    }

    static Throughput defaults() {
      return new Throughput(null, null, null, null, null, null, null);
    }
  }

  /**
   * Node down: pending at a node's first failed scrape, firing at {@code failedScrapes} in a row
   * (so within that many scrape intervals of a crash), resolved at its next good scrape.
   */
  public record NodeDown(Integer failedScrapes) {
    static final String SECTION = "node_down";

    public NodeDown {
      failedScrapes =
          atLeast(PATH + SECTION + ".failed_scrapes", orDefault(failedScrapes, 2), 1, 100);
    }

    static NodeDown defaults() {
      return new NodeDown((Integer) null);
    }
  }

  /**
   * Slow node: a node's inter-token latency {@code quantile} at {@code ratio} times the median of
   * the other nodes serving the same model in its cluster, when there are at least {@code minPeers}
   * of them.
   */
  public record SlowNode(
      Double quantile,
      Double ratio,
      Double clearRatio,
      Integer minPeers,
      Duration pendingFor,
      Duration warmUp)
      implements Timing {
    static final String SECTION = "slow_node";

    public SlowNode {
      quantile = quantileOption(PATH + SECTION + ".quantile", orDefault(quantile, 0.5));
      ratio = positive(PATH + SECTION + ".ratio", orDefault(ratio, 2.0), 1000);
      clearRatio = positive(PATH + SECTION + ".clear_ratio", orDefault(clearRatio, 1.5), 1000);
      below(PATH + SECTION + ".clear_ratio", clearRatio, PATH + SECTION + ".ratio", ratio);
      if (clearRatio <= 1) {
        throw new IllegalArgumentException(
            PATH + SECTION + ".clear_ratio must be above 1, got " + clearRatio);
      }
      minPeers = atLeast(PATH + SECTION + ".min_peers", orDefault(minPeers, 3), 2, 10_000);
      pendingFor = pendingForOption(SECTION, pendingFor, Duration.ofMinutes(1));
      warmUp = warmUpOption(SECTION, warmUp, Duration.ofMinutes(2));
    }

    static SlowNode defaults() {
      return new SlowNode(null, null, null, null, null, null);
    }
  }

  /** The detectors read the quantiles the streams app publishes. */
  private static double quantileOption(String path, double value) {
    if (value != 0.5 && value != 0.9 && value != 0.95 && value != 0.99) {
      throw new IllegalArgumentException(
          path + " must be one of the published quantiles 0.5, 0.9, 0.95, 0.99, got " + value);
    }
    return value;
  }
}
