package io.fleetpulse.streams.window;

import io.fleetpulse.schemas.contract.EventTime;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The one windowing policy every stage asks: the window sizes and grace, when a node is still
 * expected in a window, how far a node-stage task is complete, when the wall clock may stand in for
 * stream time, when request events are handed on, which event times are accepted and when the
 * pipeline counts as behind.
 *
 * <p>A window closes as soon as every expected node has reported past its end (completeness), at
 * the latest once stream time has passed its end by the grace (a node silent for the grace is no
 * longer expected). The wall clock only stands in for stream time on a task that has had no input
 * for the grace: an idle consumer is caught up, so nothing it has not read can belong to the
 * windows it closes; a backlogged one never pauses that long.
 */
public final class WindowPolicy {

  /** How far ahead of the wall clock an event time may be: scrapes carry the collector's clock. */
  public static final long MAX_FUTURE_MS = EventTime.MAX_AHEAD.toMillis();

  private final List<Long> sizesMs;
  private final long graceMs;
  private final long eventLatenessMs;

  /**
   * @param eventLateness how long after a window's end its request events may still arrive: the
   *     collector takes events up to {@code collector.ingest.max_finish_age} after they finished,
   *     and they reach the streams app a moment later
   */
  public WindowPolicy(List<Duration> sizes, Duration grace, Duration eventLateness) {
    this.sizesMs = sizes.stream().map(Duration::toMillis).toList();
    this.graceMs = grace.toMillis();
    this.eventLatenessMs = eventLateness.toMillis();
  }

  public List<Long> sizesMs() {
    return sizesMs;
  }

  public long graceMs() {
    return graceMs;
  }

  /**
   * Windows ending at or before this are final for every node, reported past or not: a node that
   * has not reported past a window's end within the grace is no longer expected in it.
   */
  public long forcedThrough(long nowMs) {
    return nowMs - graceMs;
  }

  /**
   * How far a task's windows are complete: through the earliest point its nodes have reported past
   * (each has handed on every window it reported past), and at least through {@link
   * #forcedThrough}.
   */
  public long completeThrough(OptionalLong earliestReportedMs, long nowMs) {
    long forced = forcedThrough(nowMs);
    return earliestReportedMs.isPresent()
        ? Math.max(forced, earliestReportedMs.getAsLong())
        : forced;
  }

  /**
   * The first window end after {@code timeMs} of any size: progress only matters to a window when
   * it passes its end.
   */
  public long nextWindowEndAfter(long timeMs) {
    long next = Long.MAX_VALUE;
    for (long size : sizesMs) {
      next = Math.min(next, TumblingWindows.endOfWindowContaining(timeMs, size));
    }
    return next;
  }

  /**
   * Whether the wall clock may stand in for stream time on a task that has seen no input: after the
   * grace for a task that knows no node (it holds back no window), but only after {@link
   * #departureMs} for one whose nodes have gone quiet. Their scrapes may still be on their way —
   * buffered by a collector through a broker outage or a partition — and would find their windows
   * closed; only a silence that long says the nodes are gone rather than delayed.
   */
  public boolean idle(long wallClockMs, long lastInputWallClockMs, boolean knowsNodes) {
    return wallClockMs - lastInputWallClockMs >= (knowsNodes ? departureMs() : graceMs);
  }

  /**
   * How long a task's nodes must all be silent before they count as gone: ten graces, at least 5 m.
   */
  public long departureMs() {
    return Math.max(10 * graceMs, Duration.ofMinutes(5).toMillis());
  }

  /**
   * Whether a window's request events are handed on: once the event stage's stream time has passed
   * its end. Early, but harmless: an event that comes later is handed on again, into the same
   * window, for as long as {@link #eventsCompleteThrough} keeps the window open.
   */
  public boolean handOnEvents(long windowEndMs, long streamTimeMs) {
    return windowEndMs <= streamTimeMs;
  }

  /**
   * How far a task's request events are complete at {@code timeMs} (its stream time, or the wall
   * clock when it is idle): every window ending more than the event lateness before it. A request
   * is reported once it has finished, so its event arrives after scrapes taken at that time; the
   * window waits for it that long, and no longer.
   */
  public long eventsCompleteThrough(long timeMs) {
    return timeMs - eventLatenessMs;
  }

  /** Behind: the records being processed are older than the wall clock by more than the grace. */
  public boolean behind(long wallClockMs, long recordTimeMs) {
    return wallClockMs - recordTimeMs > graceMs;
  }

  /** Caught up again: within half the grace, so that a task hovering at the bound does not flap. */
  public boolean caughtUp(long wallClockMs, long recordTimeMs) {
    return wallClockMs - recordTimeMs <= graceMs / 2;
  }

  /**
   * Why an event time cannot be accepted, or null when it can: windows and the broker must both
   * hold it.
   */
  public static String eventTimeProblem(long timeMs, long wallClockMs) {
    if (timeMs < 0 || timeMs > WindowStoreKey.MAX_EVENT_TIME_MS) {
      return "time " + timeMs + " ms is outside 0.." + WindowStoreKey.MAX_EVENT_TIME_MS;
    }
    if (timeMs > wallClockMs + MAX_FUTURE_MS) {
      return "time "
          + timeMs
          + " ms is more than "
          + Duration.ofMillis(MAX_FUTURE_MS).toMinutes()
          + " minutes ahead of the clock ("
          + wallClockMs
          + " ms)";
    }
    return null;
  }
}
